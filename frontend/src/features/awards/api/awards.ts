import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { paths } from '@/api/schema';

export type Proposal = Schemas['ProposalOut'];
export type Eligibility = Schemas['EligibilityOut'];
export type ProposalInput = Schemas['ProposalIn'];
export type DecisionInput = Schemas['DecisionIn'];
export type ProposalSort = Schemas['ProposalSort'];


export function useAwardCatalog() {
  return useQuery({ queryKey: ['award-forms'], queryFn: () => unwrap(api.GET('/api/v1/award-forms')), staleTime: 5 * 60_000 });
}

export function useEligibility(period: string | undefined, unit: string) {
  return useQuery({
    queryKey: ['award-eligibility', period, unit],
    queryFn: () => unwrap(api.GET('/api/v1/award-eligibility/{period}/{unit}', { params: { path: { period: period!, unit } } })),
    enabled: Boolean(period),
  });
}

type ProposalFilter = NonNullable<NonNullable<paths['/api/v1/award-proposals']['get']['parameters']['query']>>;

export function useProposals(filter: ProposalFilter) {
  return useQuery({
    queryKey: ['award-proposals', filter],
    queryFn: () => unwrap(api.GET('/api/v1/award-proposals', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}

/** Proposals feed the budget estimate, so both are refreshed after any step. */
function useProposalMutation<Input>(send: (input: Input) => Promise<Proposal>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['award-proposals'] });
      void queryClient.invalidateQueries({ queryKey: ['budget'] });
    },
  });
}

export function usePropose() {
  return useProposalMutation((body: ProposalInput) => unwrap(api.POST('/api/v1/award-proposals', { body })));
}

export type ProposalStep = 'forward' | 'resubmit';

export function useProposalStep() {
  return useProposalMutation(({ id, step }: { id: number; step: ProposalStep }) =>
    unwrap(
      api.POST(step === 'forward' ? '/api/v1/award-proposals/{proposal_id}/forward' : '/api/v1/award-proposals/{proposal_id}/resubmit', {
        params: { path: { proposal_id: id } },
      }),
    ),
  );
}

export function useReturnProposal() {
  return useProposalMutation(({ id, reason }: { id: number; reason: string }) =>
    unwrap(api.POST('/api/v1/award-proposals/{proposal_id}/return', { params: { path: { proposal_id: id } }, body: { reason } })),
  );
}

export function useRecordDecision(id: number) {
  return useProposalMutation((body: DecisionInput) =>
    unwrap(api.POST('/api/v1/award-proposals/{proposal_id}/decision', { params: { path: { proposal_id: id } }, body })),
  );
}

export function useBudget(year: number | undefined) {
  return useQuery({
    queryKey: ['budget', year],
    queryFn: () => unwrap(api.GET('/api/v1/budget', { params: { query: { year } } })),
  });
}

export function useAddBudgetItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['BudgetItemIn']) => unwrap(api.POST('/api/v1/budget/items', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['budget'] }),
  });
}

export type BudgetLine = Schemas['BudgetLineOut'];
export type AppraisalStep =
  | { id: number; step: 'appraise'; amount: number }
  | { id: number; step: 'return'; reason: string }
  | { id: number; step: 'resubmit'; description: string; amount: number };

/** Sở Tài chính appraises (with an amount) or returns (with a reason) a line; the standing body resubmits it. */
export function useAppraisalStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AppraisalStep) => {
      const path = { item_id: input.id };
      if (input.step === 'appraise') {
        return unwrap(api.POST('/api/v1/budget/items/{item_id}/appraise', { params: { path }, body: { amount: input.amount } }));
      }
      if (input.step === 'return') {
        return unwrap(api.POST('/api/v1/budget/items/{item_id}/return', { params: { path }, body: { reason: input.reason } }));
      }
      const { description, amount } = input;
      return unwrap(api.POST('/api/v1/budget/items/{item_id}/resubmit', { params: { path }, body: { description, amount } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['budget'] }),
  });
}

/** A file of the dossier a proposal keeps from the unit's nomination (and its decision keeps). */
export const dossierUrl = (proposal: number, file: number) => `/api/v1/award-proposals/${proposal}/dossier/${file}`;

/** The workbook for Sở Tài chính; a plain link so the browser downloads it with the session cookie. */
export const budgetExportUrl = (year: number | undefined) => `/api/v1/budget/export.xlsx${year ? `?year=${year}` : ''}`;
