import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { formatDate } from '../lib/format';
import {
  dependenciesApi,
  giveSvgsASize,
  ref,
  renderDependencies,
} from './__testUtils__/dependencies';

/** The table under a title (material-table puts it in a toolbar beside the table). */
const tableTitled = (title: HTMLElement) =>
  within(title.closest<HTMLElement>('.MuiPaper-root')!).getByRole('table');

const graphGroup = () =>
  screen.getByRole('group', { name: 'Dependency graph' });

describe('EntityDependenciesContent', () => {
  beforeAll(giveSvgsASize);

  it('names every node by title, kind and readiness status, with the status in its tooltip', async () => {
    await renderDependencies(dependenciesApi());
    const graph = graphGroup();
    const gateway = await within(graph).findByRole('link', {
      name: 'Payment Gateway (Component), not ready',
    });
    expect(
      within(graph).getByRole('link', {
        name: 'Checkout Service (Component), blocked',
      }),
    ).toBeInTheDocument();
    expect(
      within(graph).getByRole('link', {
        name: 'payments-api (API), no readiness profile',
      }),
    ).toBeInTheDocument();
    // the tooltip: title (and name) and status, not the ref
    expect(gateway.querySelector('title')?.textContent).toBe(
      'Payment Gateway (payment-gateway): not ready, in a dependency cycle',
    );
    // the nodes are a list for assistive technology, the SVG no image
    expect(
      within(graph).getByRole('list', { name: 'Entities in the graph' }),
    ).toBeInTheDocument();
    expect(within(graph).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.queryByRole('img', { name: 'Dependency graph' })).toBeNull();
  });

  it('opens the detail panel with Enter on a focused node: status in words, failing gates and teams', async () => {
    const api = dependenciesApi();
    await renderDependencies(api);
    const gateway = await screen.findByRole('link', {
      name: /^Payment Gateway \(Component\)/,
    });
    act(() => gateway.focus());
    fireEvent.keyDown(gateway, { key: 'Enter' });

    const panel = await screen.findByRole('complementary', {
      name: 'Details of Payment Gateway',
    });
    expect(api.getReadiness).toHaveBeenCalledWith(
      ref('component', 'payment-gateway'),
    );
    // the heading takes the focus
    expect(
      within(panel).getByRole('heading', {
        name: 'Payment Gateway (payment-gateway)',
      }),
    ).toHaveFocus();
    expect(
      within(panel).getByText('component:default/payment-gateway'),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Component · service')).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(within(panel).getByRole('link', { name: /shop/ })).toHaveAttribute(
      'href',
      '/catalog/default/system/shop',
    );
    expect(
      await within(panel).findByText(
        'Waiting for sign-off: Security review, owned by team Security',
      ),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Not ready')).toBeInTheDocument();
    // the failing gate with its team; the passing one is not listed
    const gate = within(panel).getByText(/^Security review: Awaiting sign-off/);
    expect(
      within(gate).getByRole('link', { name: /security/ }),
    ).toHaveAttribute('href', '/catalog/default/group/security');
    expect(gate).toHaveTextContent('waiting 3 days');
    expect(within(panel).queryByText(/Runbook linked/)).toBeNull();
    expect(
      within(panel).getByText('Nothing upstream blocks it.'),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'Open the entity' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-gateway');

    // Escape closes it and gives the focus back to the node
    fireEvent.keyDown(panel, { key: 'Escape' });
    await waitFor(() =>
      expect(
        screen.queryByRole('complementary', { name: /Details of/ }),
      ).toBeNull(),
    );
    expect(gateway).toHaveFocus();
  });

  it('shows the blocking path of a blocked node, by titles, and who must act', async () => {
    await renderDependencies(dependenciesApi());
    fireEvent.click(
      await screen.findByRole('link', { name: /^Checkout Service/ }),
    );
    const panel = await screen.findByRole('complementary', {
      name: 'Details of Checkout Service',
    });
    expect(
      await within(panel).findByText(
        (_text, element) =>
          element?.tagName === 'SPAN' &&
          element.textContent ===
            'Checkout Service (checkout-service) → Payment Gateway (payment-gateway)',
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText('Needs Security review from Security'),
    ).toBeInTheDocument();
    expect(within(panel).getByText('Blocked')).toBeInTheDocument();
  });

  it('names cycles by their titles, with the name where it differs', async () => {
    await renderDependencies(dependenciesApi());
    expect(
      await screen.findByText(
        'One dependency cycle (↻, red edges): Payment Gateway (payment-gateway) ↔ Ledger (ledger-service)',
      ),
    ).toBeInTheDocument();
  });

  it('has a readiness column in the table, and relations in words', async () => {
    await renderDependencies(dependenciesApi(), '/?view=table');
    const entities = tableTitled(await screen.findByText('Entities (4)'));
    expect(
      within(entities).getByRole('columnheader', { name: 'Readiness' }),
    ).toBeInTheDocument();
    const gateway = within(entities)
      .getByRole('link', { name: /Payment Gateway \(payment-gateway\)/ })
      .closest('tr')!;
    expect(await within(gateway).findByText('Not ready')).toBeInTheDocument();
    const checkoutRow = within(entities)
      .getByRole('link', { name: /Checkout Service/ })
      .closest('tr')!;
    expect(within(checkoutRow).getByText('Blocked')).toBeInTheDocument();

    const dependencies = tableTitled(screen.getByText('Dependencies (5)'));
    const rows = within(dependencies)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(rows).toEqual(
      expect.arrayContaining([
        'Checkout Service (checkout-service)depends onPayment Gateway (payment-gateway)',
        'Checkout Service (checkout-service)consumespayments-api',
        'payments-apiis provided byPayment Gateway (payment-gateway)',
      ]),
    );
  });

  it('names every control, puts the options behind a button, and lets the keyboard skip the nodes', async () => {
    await renderDependencies(dependenciesApi());
    await screen.findByRole('link', { name: /^Payment Gateway/ });
    expect(screen.getByRole('button', { name: /^Depth/ })).toHaveTextContent(
      '2 hops',
    );
    expect(screen.queryByRole('button', { name: /^Colour by/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    const options = await screen.findByRole('dialog', {
      name: 'Relations, kinds and colours',
    });
    expect(
      within(options).getByRole('button', { name: /^Colour by/ }),
    ).toHaveTextContent('Readiness');
    expect(
      within(options).getByRole('group', { name: 'Relations to follow' }),
    ).toBeInTheDocument();
    expect(
      within(options).getByRole('checkbox', { name: 'Part of' }),
    ).not.toBeChecked();
    fireEvent.keyDown(options, { key: 'Escape' });

    // zoom comes before the nodes, and a link skips them
    const zoomIn = screen.getByRole('button', { name: 'Zoom in' });
    const firstNode = within(graphGroup()).getAllByRole('link')[0];
    expect(
      zoomIn.compareDocumentPosition(firstNode) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Skip the graph' }));
    expect(screen.getByText('After the graph')).toHaveFocus();
    fireEvent.click(screen.getByRole('link', { name: 'Skip to the graph' }));
    expect(
      screen.getByRole('link', { name: /^Checkout Service/ }),
    ).toHaveFocus();
  });

  it('exports the drawing with a caption: the root, direction, depth, date and legend', async () => {
    const files: Blob[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = jest.fn((blob: Blob) => {
      files.push(blob);
      return 'blob:graph';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderDependencies(
        dependenciesApi(),
        '/?direction=upstream&depth=3',
      );
      // once the statuses are in, the legend names them
      await screen.findByRole('link', {
        name: 'Payment Gateway (Component), not ready',
      });
      fireEvent.click(screen.getByRole('button', { name: 'Export' }));
      fireEvent.click(
        await screen.findByRole('menuitem', { name: 'SVG image' }),
      );
      expect(click).toHaveBeenCalledTimes(1);
      expect(click.mock.contexts[0]).toHaveProperty(
        'download',
        'checkout-service-dependencies.svg',
      );
      const text = await files[0].text();
      expect(text).toContain('Dependencies of Checkout Service');
      expect(text).toContain(
        `Direction: Upstream · depth: 3 hops · 4 entities, 5 dependencies · exported ${formatDate(
          new Date().toISOString(),
        )}`,
      );
      for (const status of ['Not ready', 'Blocked', 'Ready', 'No profile'])
        expect(text).toContain(`>${status}</text>`);
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      click.mockRestore();
    }
  });
});
