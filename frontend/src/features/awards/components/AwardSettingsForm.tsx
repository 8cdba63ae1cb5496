import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage, showProblemOnFields } from '@/api/errors';
import { MoneyInput, wholeDong } from '@/components/MoneyInput';
import { ErrorState, PageLoading } from '@/components/PageState';
import { formatMoney } from '@/lib/format';
import { useAwardCatalog } from '../api/awards';
import { useAwardSettings, useSaveAwardSettings, type AwardSettings, type AwardSettingsInput } from '../api/settings';
import { awardMoney, type AwardCatalog } from '../money';

interface SettingsForm {
  base_salary: number | null;
  legal_basis: string;
  hotlines: { name: string; number: string }[];
}

const toForm = (settings: AwardSettings): SettingsForm => ({
  base_salary: settings.base_salary,
  legal_basis: settings.legal_basis,
  hotlines: settings.hotlines.map(({ name, number }) => ({ name, number })),
});

/** What is sent: every field, texts trimmed. */
const toBody = (values: SettingsForm): AwardSettingsInput => ({
  base_salary: values.base_salary,
  legal_basis: values.legal_basis.trim(),
  hotlines: (values.hotlines ?? []).map((line) => ({ name: line.name.trim(), number: line.number.trim() })),
});

const sameAs = (values: SettingsForm, settings: AwardSettings) => JSON.stringify(toBody(values)) === JSON.stringify(toBody(toForm(settings)));

/** What a new base salary does, with one form's money before and after as an example. */
function salaryConsequence(before: number, after: number, catalog: AwardCatalog | undefined): string {
  const example = catalog?.forms.find((form) => form.multipliers.collective !== undefined);
  const was = example && catalog && awardMoney(catalog, example.code, 'collective', before);
  const will = example && catalog && awardMoney(catalog, example.code, 'collective', after);
  return [
    `Mức lương cơ sở đổi từ ${formatMoney(before)} thành ${formatMoney(after)}.`,
    'Tiền thưởng của các đề nghị khen thưởng lập từ khi lưu được tính theo mức mới' +
      (example && was && will ? ` (ví dụ ${example.name} cho tập thể: ${formatMoney(was.amount)} thành ${formatMoney(will.amount)}).` : '.'),
    'Các đề nghị đã lập giữ nguyên số tiền đã tính.',
  ].join(' ');
}

interface AwardSettingsFormProps {
  settings: AwardSettings;
  catalog: AwardCatalog | undefined;
  /** Told whether the form holds edits not saved (the page's leave guard). */
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * The movement's settings: the base salary award money is computed from and its legal basis, and the
 * hotlines of the public page. A new base salary is confirmed first, stating what it changes.
 */
export function AwardSettingsForm({ settings, catalog, onDirtyChange }: AwardSettingsFormProps) {
  const { message, modal } = App.useApp();
  const save = useSaveAwardSettings();
  const [form] = Form.useForm<SettingsForm>();

  const send = (body: AwardSettingsInput) =>
    save.mutateAsync(body).then(
      (saved) => {
        form.setFieldsValue(toForm(saved));
        onDirtyChange(false);
        message.success('Đã lưu thiết lập khen thưởng');
      },
      (error: unknown) => {
        showProblemOnFields(form, error);
        message.error(errorMessage(error));
      },
    );

  const onFinish = (values: SettingsForm) => {
    const body = toBody(values);
    if (body.base_salary === settings.base_salary) return send(body);
    modal.confirm({
      title: 'Đổi mức lương cơ sở?',
      content: salaryConsequence(settings.base_salary, body.base_salary!, catalog),
      okText: 'Lưu mức mới',
      cancelText: 'Hủy',
      onOk: () => send(body),
    });
  };

  return (
    <Form<SettingsForm>
      form={form}
      layout="vertical"
      initialValues={toForm(settings)}
      style={{ maxWidth: 760 }}
      onValuesChange={(_, values) => onDirtyChange(!sameAs(values, settings))}
      onFinish={onFinish}
    >
      <Card title="Mức lương cơ sở" style={{ marginBottom: 16 }}>
        <Form.Item
          name="base_salary"
          label="Mức lương cơ sở (đồng)"
          extra={
            catalog
              ? `Tiền thưởng = hệ số × mức lương cơ sở, làm tròn lên bội số của ${formatMoney(catalog.rounding_step)}; áp dụng cho đề nghị lập từ khi lưu. Căn cứ: ${catalog.legal_basis}.`
              : 'Áp dụng cho đề nghị khen thưởng lập từ khi lưu.'
          }
          rules={[{ required: true, message: 'Nhập mức lương cơ sở' }, wholeDong(1, 'Mức lương cơ sở là số nguyên đồng, lớn hơn 0')]}
        >
          <MoneyInput style={{ width: 220, maxWidth: '100%' }} />
        </Form.Item>
        <Form.Item
          name="legal_basis"
          label="Văn bản quy định mức lương cơ sở"
          rules={[{ required: true, whitespace: true, message: 'Nhập văn bản quy định' }]}
        >
          <Input maxLength={255} placeholder="Ví dụ: Nghị định 73/2024/NĐ-CP" />
        </Form.Item>
      </Card>
      <Card title="Đường dây nóng" extra={<Typography.Text type="secondary">Hiện trên trang công khai</Typography.Text>} style={{ marginBottom: 16 }}>
        <Form.List name="hotlines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} wrap align="flex-start">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={`Tên đường dây ${index + 1}`}
                    rules={[{ required: true, whitespace: true, message: 'Nhập tên đường dây' }]}
                    style={{ flex: '2 1 220px' }}
                  >
                    <Input maxLength={255} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'number']}
                    label={`Số điện thoại ${index + 1}`}
                    rules={[
                      { required: true, whitespace: true, message: 'Nhập số điện thoại' },
                      { pattern: /^[0-9 .+()-]+$/, message: 'Chỉ gồm chữ số, dấu cách và + . ( ) -' },
                    ]}
                    style={{ flex: '1 1 140px' }}
                  >
                    <Input maxLength={32} inputMode="tel" />
                  </Form.Item>
                  {/* level with the inputs, under their labels */}
                  <Button icon={<DeleteOutlined />} aria-label={`Xóa đường dây ${index + 1}`} style={{ marginTop: 30 }} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', number: '' })}>
                Thêm đường dây nóng
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        Lưu thiết lập
      </Button>
    </Form>
  );
}

/** The settings as stored, in their form once loaded. */
export function AwardSettingsPanel({ onDirtyChange }: { onDirtyChange: (dirty: boolean) => void }) {
  const settings = useAwardSettings();
  const catalog = useAwardCatalog();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  return <AwardSettingsForm settings={settings.data} catalog={catalog.data} onDirtyChange={onDirtyChange} />;
}
