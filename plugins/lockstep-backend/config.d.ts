export interface Config {
  /** Configuration of the Lockstep plugin suite. */
  lockstep?: {};
}
