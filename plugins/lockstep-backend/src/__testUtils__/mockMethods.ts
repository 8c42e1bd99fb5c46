/**
 * A stand-in for a store or service of ours in a unit test: the named methods are jest mocks typed
 * as `T`'s, so `mockImplementation` is checked against the interface, and the whole passes for a `T`.
 */
export function mockMethods<T extends object, K extends keyof T = keyof T>(
  names: K[],
): jest.Mocked<Pick<T, K>> & T {
  return Object.fromEntries(
    names.map(name => [name, jest.fn()]),
  ) as unknown as jest.Mocked<Pick<T, K>> & T;
}
