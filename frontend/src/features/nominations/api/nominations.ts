import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { paths } from '@/api/schema';
import { fileBody } from '@/components/AttachmentList';

export type Nomination = Schemas['NominationOut'];
export type NominationInput = Schemas['NominationIn'];
export type NominationSort = Schemas['NominationSort'];
type NominationFilter = NonNullable<paths['/api/v1/nominations']['get']['parameters']['query']>;

export const nominationFileUrl = (nomination: number, file: number) => `/api/v1/nominations/${nomination}/files/${file}`;

export function useNominations(filter: NominationFilter) {
  return useQuery({
    queryKey: ['nominations', filter],
    queryFn: () => unwrap(api.GET('/api/v1/nominations', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });
}

/** Nominations feed proposals (accepting one makes one), so both lists are refreshed after any step. */
function useNominationMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['nominations'] });
      void queryClient.invalidateQueries({ queryKey: ['award-proposals'] });
    },
  });
}

const path = (id: number) => ({ params: { path: { nomination_id: id } } });

/** A new nomination, or a returned one corrected and sent again (`id`); then its dossier's files, one by one. */
export function useSendNomination() {
  return useNominationMutation(async ({ id, body, files }: { id?: number; body: NominationInput; files: File[] }) => {
    const sent = await unwrap(
      id === undefined
        ? api.POST('/api/v1/nominations', { body })
        : api.POST('/api/v1/nominations/{nomination_id}/resubmit', { ...path(id), body }),
    );
    for (const file of files) {
      await unwrap(api.POST('/api/v1/nominations/{nomination_id}/files', { ...path(sent.id), ...fileBody(file) }));
    }
    return sent;
  });
}

export function useAttachToNomination(id: number) {
  return useNominationMutation((file: File) => unwrap(api.POST('/api/v1/nominations/{nomination_id}/files', { ...path(id), ...fileBody(file) })));
}

export function useRemoveNominationFile(id: number) {
  return useNominationMutation((file: number) =>
    unwrap(api.DELETE('/api/v1/nominations/{nomination_id}/files/{file_id}', { params: { path: { nomination_id: id, file_id: file } } })),
  );
}

export function useAcceptNomination() {
  return useNominationMutation(({ id, form }: { id: number; form: string }) =>
    unwrap(api.POST('/api/v1/nominations/{nomination_id}/accept', { ...path(id), body: { form } })),
  );
}

export function useReturnNomination() {
  return useNominationMutation(({ id, reason }: { id: number; reason: string }) =>
    unwrap(api.POST('/api/v1/nominations/{nomination_id}/return', { ...path(id), body: { reason } })),
  );
}
