import { screen, within } from '@testing-library/react';
import { mockLockstepApi } from '../approvals/__testUtils__/fixtures';
import { PoliciesPage } from './PoliciesPage';
import { policiesOverview } from './__testUtils__/fixtures';
import { renderPolicies } from './__testUtils__/render';

const card = (testId: string) => screen.getByTestId(testId);

describe('PoliciesPage', () => {
  it('explains that the first match wins and that an annotation can only tighten', async () => {
    const api = mockLockstepApi({
      getPolicies: jest.fn(async () => policiesOverview()),
    });
    await renderPolicies(<PoliciesPage />, { api });

    expect(
      await screen.findByRole('heading', { name: /Readiness profiles/ }),
    ).toHaveTextContent('Readiness profiles (2)');
    const intro = screen.getByRole('note');
    expect(intro).toHaveTextContent('The first match wins');
    expect(intro).toHaveTextContent(/tries the rules in the order shown/);
    expect(intro).toHaveTextContent(
      /cannot loosen what applies to it. With lockstep.io\/readiness-profile .* with lockstep.io\/approvers/,
    );
  });

  it('shows the readiness profiles in order with their filter, gates and what they select', async () => {
    const api = mockLockstepApi({
      getPolicies: jest.fn(async () => policiesOverview()),
    });
    await renderPolicies(<PoliciesPage />, { api });

    const headings = (await screen.findAllByRole('heading', { level: 3 })).map(
      h => h.textContent,
    );
    expect(headings).toEqual([
      '1. PCI services',
      '2. Services',
      '1. Production release',
      '2. Any change',
    ]);

    const pci = card('profile-pci-service');
    expect(pci).toHaveTextContent(
      'Entities of kind component, of type service, tagged pci, in system payments',
    );
    expect(within(pci).getByTestId('selection')).toHaveTextContent(
      'Applies to 27 entities now: Cart, payments-api and 25 more',
    );
    expect(within(pci).getByRole('link', { name: 'Cart' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
    expect(screen.getByText(/id pci-service · extends service/)).toBeVisible();

    const review = card('gate-pci-service-security-review');
    expect(review).toHaveTextContent(
      'Security review' + 'Security · sign-off · required · valid for 30 days',
    );
    expect(
      within(review).getByRole('link', { name: 'Security' }),
    ).toHaveAttribute('href', '/catalog/default/group/security');
    expect(card('gate-pci-service-docs')).toHaveTextContent(
      'check techdocs · optional',
    );

    const service = card('profile-service');
    expect(service).toHaveTextContent('Every entity');
    expect(service).toHaveTextContent('Applies to no entity you can see now.');
    expect(service).toHaveTextContent('No gates');
  });

  it('shows the approval policies with environments, stages of approvers and their settings in words', async () => {
    const api = mockLockstepApi({
      getPolicies: jest.fn(async () => policiesOverview()),
    });
    await renderPolicies(<PoliciesPage />, { api });

    const production = await screen.findByTestId('policy-production-release');
    expect(production).toHaveTextContent('productionprod-eu');
    expect(production).toHaveTextContent(
      'Entities of kind component, api or resource',
    );
    expect(production).toHaveTextContent('Applies to 1 entity now:');
    const stages = within(production)
      .getAllByRole('listitem')
      .filter(item => item.getAttribute('aria-label')?.startsWith('Stage'));
    expect(stages.map(s => s.getAttribute('aria-label'))).toEqual([
      'Stage 1: Owning team',
      'Stage 2: Security and operations',
    ]);
    expect(stages[0]).toHaveTextContent("1 approval from the entity's owner");
    expect(stages[1]).toHaveTextContent('2 approvals from Security');
    expect(stages[1]).toHaveTextContent(
      'Who can approve: rachel.cohen, omar.haddad',
    );
    expect(
      within(stages[1]).getByRole('link', { name: 'omar.haddad' }),
    ).toHaveAttribute('href', '/catalog/default/user/omar.haddad');
    for (const flag of [
      'The requester cannot approve their own request.',
      'A rejection must say why.',
      'Only a ready entity can be approved.',
      'A request expires 3 days after it is made.',
    ]) {
      expect(within(production).getByText(flag)).toBeInTheDocument();
    }

    const catchAll = card('policy-catch-all');
    expect(catchAll).toHaveTextContent('every environment');
    expect(catchAll).toHaveTextContent('Every entity');
    expect(catchAll).toHaveTextContent(
      'The requester may approve their own request.',
    );
    expect(catchAll).toHaveTextContent('Requests do not expire.');
  });

  it('says when nothing is configured, and when the policies cannot be loaded', async () => {
    const empty = mockLockstepApi({
      getPolicies: jest.fn(async () => ({
        profiles: [],
        policies: [],
        environments: [],
      })),
    });
    const { unmount } = await renderPolicies(<PoliciesPage />, { api: empty });
    expect(
      await screen.findByText(/No approval policy is configured/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No readiness profile is configured/),
    ).toBeInTheDocument();
    unmount();

    const failing = mockLockstepApi({
      getPolicies: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderPolicies(<PoliciesPage />, { api: failing });
    expect(
      await screen.findByText(/Could not load the policies/),
    ).toBeInTheDocument();
  });
});
