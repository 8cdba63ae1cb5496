import { useState } from 'react';
import { Card, Modal, Segmented } from 'antd';
import { can } from '@/features/auth/roles';
import { useAwardCatalog } from '@/features/awards/api/awards';
import type { Nomination } from '@/features/nominations/api/nominations';
import { NominationForm } from '@/features/nominations/components/NominationForm';
import { NominationsTable, type AwardFormOption } from '@/features/nominations/components/NominationsTable';
import { usePeriods } from '@/features/periods/api/periods';
import { PageHeader } from '@/components/PageHeader';
import type { Schemas } from '@/api/client';
import { useCurrentUser } from '../use-current-user';

/**
 * Nominations: a unit nominates with its dossier and follows its nominations; the standing body (a period's)
 * and Sở Nội vụ (timely awards) accept them into award proposals or return them with a reason.
 */
export default function NominationsRoute() {
  const me = useCurrentUser();
  const periods = usePeriods();
  const catalog = useAwardCatalog();
  const [pending, setPending] = useState<'submitted' | 'all'>('submitted');
  const [correcting, setCorrecting] = useState<Nomination>();
  const occasions = new Set(catalog.data?.forms.flatMap((form) => form.occasions));
  const periodOptions = (periods.data ?? []).filter((p) => occasions.has(p.kind)).map((p) => ({ value: p.code, label: p.name }));
  const forms: AwardFormOption[] = (catalog.data?.forms ?? []).map((form) => ({
    value: form.code,
    label: form.name,
    recipients: Object.keys(form.multipliers) as Schemas['Recipient'][],
    timely: form.timely,
  }));
  const unit = can(me, 'nominations:write') ? me.unit : null;
  const canDecide = (nomination: Nomination) => can(me, nomination.timely ? 'awards:timely' : 'nominations:decide');
  // Sở Nội vụ processes the timely ones; a period's are the standing body's.
  const onlyTimely = !can(me, 'nominations:decide');
  return (
    <>
      <PageHeader
        title="Đề nghị khen thưởng"
        subtitle={
          unit
            ? 'Đơn vị đề nghị khen thưởng tập thể, cá nhân kèm hồ sơ; Cơ quan Thường trực xem xét, đề xuất'
            : 'Đề nghị của các đơn vị: tiếp nhận vào đề xuất khen thưởng hoặc trả lại; Sở Nội vụ xử lý khen thưởng kịp thời'
        }
        extra={
          !unit && (
            <Segmented
              aria-label="Lọc đề nghị"
              value={pending}
              onChange={setPending}
              options={[
                { value: 'submitted', label: 'Chờ xem xét' },
                { value: 'all', label: 'Tất cả' },
              ]}
            />
          )
        }
      />
      {unit && (
        <Card title="Đề nghị mới" style={{ marginBottom: 16 }}>
          <NominationForm unit={unit} periods={periodOptions} />
        </Card>
      )}
      <NominationsTable
        title={unit ? 'Đề nghị của đơn vị' : `${onlyTimely ? 'Đề nghị khen thưởng kịp thời' : 'Đề nghị'}${pending === 'submitted' ? ' chờ xem xét' : ''}`}
        filter={unit ? {} : { ...(onlyTimely && { timely: true }), ...(pending === 'submitted' && { status: 'submitted' }) }}
        canDecide={canDecide}
        forms={forms}
        unitView={unit ? { username: me.username, onCorrect: setCorrecting } : undefined}
      />
      <Modal open={Boolean(correcting)} title="Sửa và gửi lại đề nghị" footer={null} onCancel={() => setCorrecting(undefined)} destroyOnHidden>
        {correcting && unit && (
          <NominationForm unit={unit} periods={periodOptions} returned={correcting} onSent={() => setCorrecting(undefined)} />
        )}
      </Modal>
    </>
  );
}
