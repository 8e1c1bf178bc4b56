import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import type { WorkingHours } from '../api.ts';
import { errorText, showFieldErrors } from '../shared/ui.tsx';

interface Values {
  periods: { range?: [Dayjs | null, Dayjs | null] | null }[];
}

const HM = 'HH:mm';

/** Periods in order and not overlapping, each ending after it starts: the server's rule, per row. */
export function checkPeriods(
  periods: { start: string; end: string }[],
): { row: number; code: 'required' | 'order' | 'overlap' }[] {
  const problems: { row: number; code: 'required' | 'order' | 'overlap' }[] = [];
  periods.forEach((p, row) => {
    if (!p.start || !p.end) problems.push({ row, code: 'required' });
    else if (p.end <= p.start) problems.push({ row, code: 'order' });
    else if (row > 0 && (periods[row - 1]?.end ?? '') > p.start) problems.push({ row, code: 'overlap' });
  });
  return problems;
}

/** The working hours deadlines are counted in, and a form to change them. */
export function WorkingHoursCard({
  hours,
  editable,
  onSaved,
}: {
  hours: WorkingHours;
  editable: boolean;
  onSaved: (hours: WorkingHours) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const hoursText = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(
    hours.hoursPerDay,
  );

  const save = async (values: Values) => {
    const periods = (values.periods ?? []).map((p) => ({
      start: p.range?.[0]?.format(HM) ?? '',
      end: p.range?.[1]?.format(HM) ?? '',
    }));
    const problems = checkPeriods(periods);
    if (periods.length === 0) {
      void message.error(t('admin:calendar.hoursEmpty'));
      return;
    }
    if (problems.length > 0) {
      form.setFields(
        problems.map((p) => ({
          name: ['periods', p.row, 'range'],
          errors: [t(`admin:calendar.hoursProblem.${p.code}`)],
        })),
      );
      return;
    }
    setBusy(true);
    try {
      const saved = await client.put<WorkingHours>('/api/calendar/working-hours', { periods });
      onSaved(saved);
      setEditing(false);
      void message.success(t('admin:calendar.hoursSaved'));
    } catch (e) {
      const placed = showFieldErrors(form, e, (p) =>
        p[0] === 'periods' && typeof p[1] === 'number' ? ['periods', p[1], 'range'] : p,
      );
      void message.error(placed ? t('admin:common.fixFields') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('admin:calendar.workingHours')}
      extra={
        editable &&
        !editing && (
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue({
                periods: hours.periods.map((p) => ({ range: [dayjs(p.start, HM), dayjs(p.end, HM)] })),
              });
              setEditing(true);
            }}
          >
            {t('common:button.edit')}
          </Button>
        )
      }
    >
      {!editing ? (
        <Space orientation="vertical">
          <Space wrap>
            {hours.periods.map((p) => (
              <Tag key={p.start} style={{ fontSize: 14, padding: '2px 8px' }}>
                {p.start}–{p.end}
              </Tag>
            ))}
          </Space>
          <Typography.Text>{t('admin:calendar.hoursPerDay', { hours: hoursText })}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hours.source === 'default' ? (
              t('admin:calendar.hoursDefault')
            ) : (
              <>
                {t('admin:calendar.hoursSetAt')} <DateTime value={hours.updatedAt} />
              </>
            )}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('admin:calendar.hoursHint')}
          </Typography.Text>
        </Space>
      ) : (
        <Form<Values> form={form} onFinish={save} layout="vertical">
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start">
                    <Form.Item name={[field.name, 'range']} style={{ marginBottom: 12 }}>
                      <TimePicker.RangePicker
                        format={HM}
                        minuteStep={5}
                        needConfirm={false}
                        aria-label={t('admin:calendar.periodN', { n: index + 1 })}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('admin:calendar.removePeriod', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                {fields.length < 8 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ range: null })}
                    style={{ display: 'block' }}
                  >
                    {t('admin:calendar.addPeriod')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common:button.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common:button.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
