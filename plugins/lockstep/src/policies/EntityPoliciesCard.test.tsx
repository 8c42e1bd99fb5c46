import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockLockstepApi } from '../approvals/__testUtils__/fixtures';
import { EntityPoliciesCard } from './EntityPoliciesCard';
import { cartPolicies, REFUSAL } from './__testUtils__/fixtures';
import { renderPolicies } from './__testUtils__/render';

describe('EntityPoliciesCard', () => {
  it('names the profile and why, and the others on demand', async () => {
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => cartPolicies()),
    });
    await renderPolicies(<EntityPoliciesCard />, { api, entity: true });

    expect(await screen.findByTestId('applied-profile')).toHaveTextContent(
      'PCI services (pci-service)',
    );
    expect(api.getEntityPolicies).toHaveBeenCalledWith(
      'component:default/cart-service',
    );
    const readiness = screen.getByRole('region', { name: 'Readiness profile' });
    expect(readiness).toHaveTextContent(
      'The first profile whose filter matches',
    );
    expect(within(readiness).queryByTestId('candidate-service')).toBeNull();
    await userEvent.click(
      within(readiness).getByRole('button', { name: 'Why not the other one' }),
    );
    expect(
      within(readiness).getByTestId('candidate-service'),
    ).toHaveTextContent(
      "not chosenServicesIts filter matches too, but 'pci-service' comes first",
    );
    expect(screen.getByRole('link', { name: /All policies/ })).toHaveAttribute(
      'href',
      '/lockstep/policies',
    );
  });

  it('shows per environment the policy, who would approve in which order, and why the viewer cannot ask', async () => {
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => cartPolicies()),
    });
    await renderPolicies(<EntityPoliciesCard />, { api, entity: true });

    const production = await screen.findByRole('region', {
      name: 'Environment production',
    });
    expect(production).toHaveTextContent('you cannot request');
    expect(production).toHaveTextContent('Decided by Production release');
    expect(production).toHaveTextContent(
      'The first policy that covers production and whose filter matches',
    );
    const stages = within(production).getAllByRole('listitem', {
      name: /^Stage/,
    });
    expect(stages.map(s => s.textContent)).toEqual([
      'Stage 1 · Owning team1 approval from CheckoutWho can approve: sofia.martinez',
      'Stage 2 · Security and operations2 approvals from SecurityWho can approve: omar.haddad',
    ]);
    expect(
      within(stages[0]).getByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout');
    expect(production).toHaveTextContent(
      'You are not listed: this policy does not let you approve your own request.',
    );
    expect(production).toHaveTextContent(
      "Added by the entity's approvers annotation:group:default/data needs 1 approval",
    );
    expect(within(production).getByTestId('dry-run-refusal')).toHaveTextContent(
      REFUSAL,
    );
  });

  it('says so, and why, where no profile and no policy applies', async () => {
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => ({
        entityRef: 'component:default/cart-service',
        profileCandidates: [
          {
            id: 'pci-service',
            title: 'PCI services',
            outcome: 'no-match' as const,
            why: 'Tags is not set; the filter takes pci',
          },
        ],
        environments: [
          {
            environment: 'production',
            candidates: [
              {
                id: 'production-release',
                title: 'Production release',
                outcome: 'no-match' as const,
                why: 'Kind is Component; the filter takes api',
              },
            ],
            stages: [],
            additions: [],
            ignored: [],
            requestable: false,
            refusal: 'No approval policy applies',
          },
        ],
      })),
    });
    await renderPolicies(<EntityPoliciesCard />, {
      api,
      entity: true,
      policiesPage: false,
    });

    expect(await screen.findByTestId('applied-profile')).toHaveTextContent(
      'No readiness profile applies, so it has no readiness gates.',
    );
    expect(screen.getByTestId('candidate-pci-service')).toHaveTextContent(
      'does not matchPCI servicesTags is not set; the filter takes pci',
    );
    const production = screen.getByRole('region', {
      name: 'Environment production',
    });
    expect(production).toHaveTextContent(
      'No approval policy covers production for this entity, so a request would be refused.',
    );
    expect(
      within(production).getByTestId('candidate-production-release'),
    ).toHaveTextContent('Kind is Component; the filter takes api');
    // without the Policies page in the app, no link to it
    expect(screen.queryByRole('link', { name: /All policies/ })).toBeNull();
  });

  it('names a failure to load', async () => {
    const api = mockLockstepApi({
      getEntityPolicies: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderPolicies(<EntityPoliciesCard />, { api, entity: true });
    expect(
      await screen.findByText(/Could not load the rules for this entity/),
    ).toBeInTheDocument();
  });
});
