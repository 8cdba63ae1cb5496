import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Webhook = Schemas['WebhookOut'];
export type WebhookDelivery = Schemas['WebhookDeliveryOut'];

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks'], queryFn: () => unwrap(api.GET('/api/v1/webhooks')) });
}

/** The latest deliveries of one subscription (newest first). */
export function useDeliveries(subscriptionId: number, pageSize = 20) {
  return useQuery({
    queryKey: ['webhooks', subscriptionId, 'deliveries', pageSize],
    queryFn: () =>
      unwrap(api.GET('/api/v1/webhooks/{subscription_id}/deliveries', { params: { path: { subscription_id: subscriptionId }, query: { page_size: pageSize } } })),
  });
}

/** The secret is in the creation answer only. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['WebhookIn']) => unwrap(api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeactivateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/webhooks/{subscription_id}', { params: { path: { subscription_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

/** Redeliver one failed delivery, or (no delivery id) every failed delivery of the subscription. */
export function useRedeliver(subscriptionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId?: number) =>
      deliveryId === undefined
        ? unwrap(api.POST('/api/v1/webhooks/{subscription_id}/redeliver', { params: { path: { subscription_id: subscriptionId } } }))
        : unwrap(
            api.POST('/api/v1/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver', {
              params: { path: { subscription_id: subscriptionId, delivery_id: deliveryId } },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', subscriptionId] }),
  });
}
