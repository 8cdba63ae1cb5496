import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Inspection = Schemas['InspectionOut'];
export type Finding = Schemas['FindingOut'];
export type CorrectiveAction = Schemas['ActionOut'];
export type FindingInput = Schemas['FindingIn'];
export type FindingDecision = Schemas['FindingDecisionIn'];

export type InspectionSort = Schemas['InspectionSort'];

export interface InspectionFilter {
  period?: string;
  unit?: string;
  /** Only inspections with a finding awaiting the standing body's confirmation. */
  pending?: boolean;
  /** The inspected unit's name or code, diacritics ignored. */
  q?: string;
  sort?: InspectionSort;
}

export function useInspections(filter: InspectionFilter) {
  return useQuery({
    queryKey: ['inspections', filter],
    queryFn: () => unwrap(api.GET('/api/v1/inspections', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}

/** The units the caller may inspect: every unit (the standing body), or those of its reach. */
export function useInspectionReach(enabled: boolean) {
  return useQuery({
    queryKey: ['inspections', 'reach'],
    queryFn: () => unwrap(api.GET('/api/v1/inspections/reach')),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Every change to an inspection can move scores (findings deduct points), so both are refreshed. */
function useInspectionMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['inspections'] });
      void queryClient.invalidateQueries({ queryKey: ['scores'] });
    },
  });
}

export function usePlanInspection() {
  return useInspectionMutation((body: Schemas['InspectionIn']) => unwrap(api.POST('/api/v1/inspections', { body })));
}

export function useMarkInspectionDone() {
  return useInspectionMutation(({ id, inspectedOn }: { id: number; inspectedOn: string }) =>
    unwrap(
      api.POST('/api/v1/inspections/{inspection_id}/done', {
        params: { path: { inspection_id: id } },
        body: { inspected_on: inspectedOn },
      }),
    ),
  );
}

export function useAddFinding(inspectionId: number) {
  return useInspectionMutation((body: FindingInput) =>
    unwrap(api.POST('/api/v1/inspections/{inspection_id}/findings', { params: { path: { inspection_id: inspectionId } }, body })),
  );
}

export function useAddCorrectiveAction() {
  return useInspectionMutation(({ findingId, ...body }: { findingId: number } & Schemas['ActionIn']) =>
    unwrap(api.POST('/api/v1/inspection-findings/{finding_id}/actions', { params: { path: { finding_id: findingId } }, body })),
  );
}

export function useCloseCorrectiveAction() {
  return useInspectionMutation(({ id, doneOn }: { id: number; doneOn: string | null }) =>
    unwrap(api.PATCH('/api/v1/corrective-actions/{action_id}', { params: { path: { action_id: id } }, body: { done_on: doneOn } })),
  );
}

/** The standing body confirms a proposed finding (it then deducts) or rejects it with a reason. */
export function useDecideFinding() {
  return useInspectionMutation(({ findingId, ...body }: { findingId: number } & FindingDecision) =>
    unwrap(api.POST('/api/v1/inspection-findings/{finding_id}/decision', { params: { path: { finding_id: findingId } }, body })),
  );
}
