import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityApprovalsContent } from './EntityApprovalsContent';
import {
  approvedStagingRequest,
  mockLockstepApi,
  page,
  productionRequest,
  responseError,
  verifiedAudit,
} from './__testUtils__/fixtures';
import { mockSignals, renderApprovals } from './__testUtils__/render';
import { mockPhoneScreen, restoreScreen } from '../__testUtils__/screen';

// The entity's requests: listed, paged, filtered, reloaded, and on a phone.
// Requesting approval is in EntityApprovalsContent.request.test.tsx.

// Typing into dialogs takes a few seconds on a busy 2-core CI machine.
jest.setTimeout(30_000);

describe('EntityApprovalsContent', () => {
  it('lists the entity requests, open first, with version, environment, requester, state and progress', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () =>
        page([productionRequest(), approvedStagingRequest()]),
      ),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    const table = await screen.findByRole('table', {
      name: 'Approval requests',
    });
    expect(api.listApprovalRequests).toHaveBeenCalledWith({
      entityRef: 'component:default/cart-service',
      limit: 20,
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows[1]).toContain('Open (1)');
    expect(rows[2]).toContain('Release cart 2.5.0');
    expect(rows[3]).toContain('Closed (1)');
    expect(rows[4]).toContain('Try cart 2.5.0 on staging');

    const open = screen.getByTestId('approval-row-req-prod');
    // version under the title, environment in a column of its own
    expect(open).toHaveTextContent(/2\.5\.0.*production/);
    expect(open).toHaveTextContent('Pending');
    expect(open).toHaveTextContent('daniel.okafor');
    expect(open).toHaveTextContent(/expires in 4\d hours/);
    expect(within(open).getByTestId('approval-progress')).toHaveTextContent(
      'Stage 2 of 2 · Security and operations: needs 1 more from platform-sre',
    );
    expect(screen.getByTestId('approval-row-req-staging')).toHaveTextContent(
      '1 of 1 stage passed',
    );
  });

  it('lists a request made by a pipeline, naming the service in plain text', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () =>
        page([
          productionRequest({ requester: 'external:demo-pipeline' }),
          approvedStagingRequest(),
        ]),
      ),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    const row = await screen.findByTestId('approval-row-req-prod');
    expect(row).toHaveTextContent('demo-pipeline (service)');
    expect(within(row).queryByRole('link', { name: /pipeline/ })).toBeNull();
    expect(screen.getByTestId('approval-row-req-staging')).toHaveTextContent(
      'daniel.okafor',
    );
  });

  it('keeps the tab when one request cannot be shown', async () => {
    const broken = productionRequest({ id: 'req-broken' });
    (broken as { progress?: unknown }).progress = undefined;
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () =>
        page([broken, approvedStagingRequest()]),
      ),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    expect(
      await screen.findByTestId('approval-row-req-broken'),
    ).toHaveTextContent('Could not show request req-broken');
    expect(screen.getByTestId('approval-row-req-staging')).toHaveTextContent(
      'Try cart 2.5.0 on staging',
    );
    expect(
      screen.getByRole('button', { name: /Request approval/ }),
    ).toBeInTheDocument();
  });

  it('pages through older requests, asking page 2 with the cursor that ended page 1', async () => {
    const list = jest.fn(async (query?: { cursor?: string }) =>
      query?.cursor
        ? page([approvedStagingRequest()], { total: 21 })
        : page([productionRequest()], { nextCursor: 'older', total: 21 }),
    );
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });

    await screen.findByTestId('approval-row-req-prod');
    expect(screen.queryByTestId('approval-row-req-staging')).toBeNull();
    expect(screen.getByText('21 requests')).toBeInTheDocument();
    expect(
      screen.getByText('1–20 of 21', { selector: 'span' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByTestId('approval-row-req-staging'),
    ).toBeInTheDocument();
    expect(list).toHaveBeenLastCalledWith({
      entityRef: 'component:default/cart-service',
      cursor: 'older',
      limit: 20,
    });
    expect(screen.queryByTestId('approval-row-req-prod')).toBeNull();
    expect(
      screen.getByText('21–21 of 21', { selector: 'span' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    // back to page 1: asked again from the start, without a cursor
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByTestId('approval-row-req-prod'),
    ).toBeInTheDocument();
    expect(list).toHaveBeenCalledTimes(3);
    expect(list).toHaveBeenLastCalledWith({
      entityRef: 'component:default/cart-service',
      limit: 20,
    });
  });

  it('asks for another page size from page 1', async () => {
    const list = jest.fn(async (_query?: { cursor?: string }) =>
      page([productionRequest()], { nextCursor: 'older', total: 60 }),
    );
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });
    await screen.findByTestId('approval-row-req-prod');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: 'older' }),
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: /rows/ }));
    await userEvent.click(await screen.findByRole('option', { name: /50/ }));
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({
        entityRef: 'component:default/cart-service',
        limit: 50,
      }),
    );
    expect(
      await screen.findByText('1–50 of 60', { selector: 'span' }),
    ).toBeInTheDocument();
  });

  it('sends the filters as query fields and keeps them in the URL', async () => {
    const list = jest.fn(async () => page([productionRequest()]));
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<EntityApprovalsContent />, {
      api,
      entity: true,
      route: '/?state=pending&environment=staging',
    });
    // a linked view opens filtered
    await waitFor(() =>
      expect(list).toHaveBeenCalledWith({
        entityRef: 'component:default/cart-service',
        state: ['pending'],
        environment: 'staging',
        limit: 20,
      }),
    );
    const filters = screen.getByRole('search', { name: 'Filter the requests' });
    expect(
      within(filters).getByRole('textbox', { name: 'Environment' }),
    ).toHaveValue('staging');

    await userEvent.click(
      within(filters).getByRole('button', { name: /State/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Approved' }),
    );
    await userEvent.keyboard('{Escape}');
    const environment = within(filters).getByRole('textbox', {
      name: 'Environment',
    });
    await userEvent.clear(environment);
    await userEvent.type(environment, 'Production{Enter}');
    await userEvent.type(
      within(filters).getByRole('textbox', { name: 'Requester' }),
      'daniel.okafor{Enter}',
    );
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({
        entityRef: 'component:default/cart-service',
        state: ['pending', 'approved'],
        environment: 'Production',
        requester: 'user:default/daniel.okafor',
        limit: 20,
      }),
    );

    await userEvent.click(
      within(filters).getByRole('checkbox', { name: 'Only mine' }),
    );
    await waitFor(() =>
      expect(list).toHaveBeenLastCalledWith({
        entityRef: 'component:default/cart-service',
        state: ['pending', 'approved'],
        environment: 'Production',
        requester: 'me',
        limit: 20,
      }),
    );
    expect(
      within(filters).getByRole('textbox', { name: 'Requester' }),
    ).toBeDisabled();
  });

  it('says when the list cannot be loaded', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => {
        throw await responseError(403, 'NotAllowedError', 'Not for you');
      }),
    });
    await renderApprovals(<EntityApprovalsContent />, { api, entity: true });
    expect(
      await screen.findByText('Error: Could not load the approval requests'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Not for you/).length).toBeGreaterThan(0);
  });

  it('says so when nothing matches the filters', async () => {
    const api = mockLockstepApi({
      listApprovalRequests: jest.fn(async () => page([])),
    });
    await renderApprovals(<EntityApprovalsContent />, {
      api,
      entity: true,
      route: '/?state=expired',
    });
    expect(
      await screen.findByText('No requests match these filters.'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 requests')).toBeInTheDocument();
  });

  it('reloads the page shown, not page 1, when the backend signals a change', async () => {
    const signals = mockSignals();
    const list = jest.fn(async (query?: { cursor?: string }) =>
      query?.cursor
        ? page([approvedStagingRequest()], { total: 21 })
        : page([productionRequest()], { nextCursor: 'older', total: 21 }),
    );
    const api = mockLockstepApi({ listApprovalRequests: list });
    await renderApprovals(<EntityApprovalsContent />, {
      api,
      entity: true,
      signals,
    });
    await screen.findByTestId('approval-row-req-prod');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByTestId('approval-row-req-staging');
    expect(list).toHaveBeenCalledTimes(2);

    act(() => signals.publish('lockstep-approvals', { at: 'now' }));
    await waitFor(() => expect(list).toHaveBeenCalledTimes(3));
    expect(list).toHaveBeenLastCalledWith({
      entityRef: 'component:default/cart-service',
      cursor: 'older',
      limit: 20,
    });
    expect(screen.getByTestId('approval-row-req-staging')).toBeInTheDocument();
    expect(
      screen.getByText('21–21 of 21', { selector: 'span' }),
    ).toBeInTheDocument();
  });

  describe('on a phone', () => {
    beforeEach(() => mockPhoneScreen());
    afterEach(() => restoreScreen());

    it('shows each request as a card that opens it', async () => {
      const request = productionRequest();
      const api = mockLockstepApi({
        listApprovalRequests: jest.fn(async () =>
          page([request, approvedStagingRequest()]),
        ),
        getApprovalRequest: jest.fn(async () => request),
        getApprovalAudit: jest.fn(async () => verifiedAudit()),
        getReadiness: jest.fn(async () => {
          throw new Error('readiness down');
        }),
      });
      await renderApprovals(<EntityApprovalsContent />, {
        api,
        entity: true,
      });

      const table = await screen.findByRole('table', {
        name: 'Approval requests',
      });
      // no column headings: a card per request
      await waitFor(() =>
        expect(within(table).queryAllByRole('columnheader')).toHaveLength(0),
      );
      const card = within(
        screen.getByTestId('approval-row-req-prod'),
      ).getByRole('button', { name: /Release cart 2\.5\.0/ });
      expect(card).toHaveTextContent('Pending');
      expect(card).toHaveTextContent('2.5.0 → production');
      expect(card).toHaveTextContent('daniel.okafor');
      expect(card).toHaveTextContent('30 hours ago');
      expect(screen.getByTestId('approval-row-req-staging')).toHaveTextContent(
        'Approved',
      );

      await userEvent.click(card);
      await waitFor(() =>
        expect(api.getApprovalRequest).toHaveBeenCalledWith('req-prod'),
      );
      expect(
        await screen.findByRole('region', { name: 'Approval request' }),
      ).toBeInTheDocument();
    });
  });
});
