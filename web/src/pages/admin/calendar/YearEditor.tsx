import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Drawer,
  Form,
  type FormInstance,
  Input,
  Space,
  Statistic,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/workbench.ts';
import { useClient } from '../../../components/session.tsx';
import type { YearDays } from '../api.ts';
import { errorDetails, errorText } from '../shared/ui.tsx';
import { type MarkedDay, MonthGrid } from './MonthGrid.tsx';
import {
  checkDraft,
  type DraftProblem,
  datesBetween,
  type ScheduleDraft,
  STATUTORY_HOLIDAYS_ZH,
  summarise,
  toBody,
} from './schedule.ts';

interface Values {
  holidays: { name?: string; dates?: [Dayjs | null, Dayjs | null] | null }[];
  workdays: { name?: string; date?: Dayjs | null }[];
  note?: string;
}

const FORMAT = 'YYYY-MM-DD';

function toValues(draft: ScheduleDraft): Values {
  return {
    holidays: draft.holidays.map((h) => ({
      name: h.name,
      dates: h.from && h.to ? [dayjs(h.from), dayjs(h.to)] : null,
    })),
    workdays: draft.workdays.map((w) => ({ name: w.name, date: w.date ? dayjs(w.date) : null })),
    note: draft.note,
  };
}

function fromValues(values: Partial<Values>): ScheduleDraft {
  return {
    holidays: (values.holidays ?? []).map((h) => ({
      name: h?.name ?? '',
      from: h?.dates?.[0]?.format(FORMAT) ?? '',
      to: h?.dates?.[1]?.format(FORMAT) ?? '',
    })),
    workdays: (values.workdays ?? []).map((w) => ({
      name: w?.name ?? '',
      date: w?.date?.format(FORMAT) ?? '',
    })),
    note: values.note ?? '',
  };
}

/** Marks of a draft for the month grids (rows still being filled in are left out). */
function marksOf(draft: ScheduleDraft): Map<string, MarkedDay> {
  const marks = new Map<string, MarkedDay>();
  for (const h of draft.holidays)
    if (h.from && h.to && h.from <= h.to && datesBetween(h.from, h.to).length <= 366)
      for (const d of datesBetween(h.from, h.to)) marks.set(d, { kind: 'holiday', name: h.name });
  for (const w of draft.workdays) if (w.date) marks.set(w.date, { kind: 'workday', name: w.name });
  return marks;
}

/** A new year starts with the seven statutory holidays, dates to fill in. */
export function emptyDraft(): ScheduleDraft {
  return {
    holidays: STATUTORY_HOLIDAYS_ZH.map((name) => ({ name, from: '', to: '' })),
    workdays: [],
    note: '',
  };
}

/** Clears every row's errors, then shows these; returns how many rows have one. */
function showProblems(
  form: FormInstance<Values>,
  messages: { name: (string | number)[]; message: string }[],
) {
  const values = form.getFieldsValue(true) as Values;
  const clear = [
    ...(values.holidays ?? []).flatMap((_, i) => [
      { name: ['holidays', i, 'name'], errors: [] as string[] },
      { name: ['holidays', i, 'dates'], errors: [] as string[] },
    ]),
    ...(values.workdays ?? []).flatMap((_, i) => [
      { name: ['workdays', i, 'name'], errors: [] as string[] },
      { name: ['workdays', i, 'date'], errors: [] as string[] },
    ]),
    { name: ['note'], errors: [] as string[] },
  ];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const c of clear) byField.set(c.name.join('.'), c);
  for (const m of messages) {
    const key = m.name.join('.');
    const entry = byField.get(key) ?? { name: m.name, errors: [] };
    if (!entry.errors.includes(m.message)) entry.errors = [...entry.errors, m.message];
    byField.set(key, entry);
  }
  form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
}

/**
 * Enters or corrects a year's holidays and make-up working days, as periods the way the official
 * notice reads, with a live calendar of what changes; checks each row before publishing, and
 * puts any problem the server finds on the row it belongs to.
 */
export function YearEditor({
  year,
  initial,
  open,
  onClose,
  onPublished,
}: {
  year: number;
  initial: ScheduleDraft;
  open: boolean;
  onClose: () => void;
  onPublished: (days: YearDays) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const draft = useMemo(() => fromValues(watched ?? toValues(initial)), [watched, initial]);
  const marks = useMemo(() => marksOf(draft), [draft]);
  const months = [
    ...new Set([...marks.keys()].filter((d) => d.startsWith(`${year}-`)).map((d) => Number(d.slice(5, 7)))),
  ].sort((a, b) => a - b);
  const summary = summarise(draft);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the editor opens (or its year arrives)
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(initial));
    setTried(false);
    setServerError(null);
  }, [open, initial]);

  const problemText = (p: DraftProblem) => t(`admin:calendar.problem.${p.code}`, { year, ...p.params });
  const problemName = (p: DraftProblem) => [p.list, p.row, p.field];

  const check = (values: Partial<Values>) => {
    const problems = checkDraft(year, fromValues(values));
    showProblems(
      form,
      problems.map((p) => ({ name: problemName(p), message: problemText(p) })),
    );
    return problems;
  };

  const publish = async () => {
    setTried(true);
    setServerError(null);
    const values = form.getFieldsValue(true) as Values;
    const problems = check(values);
    if (problems.length > 0) {
      void message.error(t('admin:calendar.fixRows', { count: problems.length }));
      const first = problems[0] as DraftProblem;
      form.scrollToField(problemName(first), { block: 'center' });
      return;
    }
    const current = fromValues(values);
    const { body, holidayRows, workdayRows } = toBody(current);
    setBusy(true);
    try {
      const days = await client.put<YearDays>(`/api/calendar/years/${year}`, body);
      void message.success(t('admin:calendar.published', { year }));
      onPublished(days);
    } catch (e) {
      const placed = errorDetails(e).flatMap((d) => {
        const [, list, index] = d.path.split('.');
        if (list === 'holidays' && holidayRows[Number(index)] !== undefined)
          return [{ name: ['holidays', holidayRows[Number(index)] as number, 'dates'], message: d.message }];
        if (list === 'workdays' && workdayRows[Number(index)] !== undefined)
          return [{ name: ['workdays', workdayRows[Number(index)] as number, 'date'], message: d.message }];
        if (list === 'note') return [{ name: ['note'], message: d.message }];
        return [];
      });
      showProblems(form, placed);
      setServerError(e instanceof ApiError ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const nameOptions = STATUTORY_HOLIDAYS_ZH.map((name) => ({
    value: name,
    label: i18n.language.startsWith('zh')
      ? name
      : `${name} (${t(`admin:calendar.holidayName.${name}` as 'admin:calendar.title')})`,
  }));
  const outsideYear = (d: Dayjs) => d.year() !== year;
  const yearStart = dayjs(`${year}-01-01`);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t('admin:calendar.editTitle', { year })}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => void publish()}>
          {t('admin:calendar.publish')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('admin:calendar.editHint')}</Typography.Paragraph>
      {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={toValues(initial)}
        onValuesChange={(_, all) => tried && check(all)}
        requiredMark={false}
      >
        <Typography.Title level={5}>{t('admin:calendar.holidays')}</Typography.Title>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={index === 0 ? t('admin:calendar.holidayNameLabel') : undefined}
                    style={{ marginBottom: 12, width: 150 }}
                  >
                    <AutoComplete
                      options={nameOptions}
                      aria-label={t('admin:calendar.holidayRowName', { n: index + 1 })}
                      placeholder={t('admin:calendar.holidayNameLabel')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'dates']}
                    label={index === 0 ? t('admin:calendar.holidayDates') : undefined}
                    style={{ marginBottom: 12 }}
                  >
                    <DatePicker.RangePicker
                      aria-label={t('admin:calendar.holidayRowDates', { n: index + 1 })}
                      disabledDate={outsideYear}
                      defaultPickerValue={[yearStart, yearStart]}
                      placeholder={[t('admin:calendar.firstDay'), t('admin:calendar.lastDay')]}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    style={{ marginTop: index === 0 ? 30 : 0 }}
                    aria-label={t('admin:calendar.removeHoliday', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', dates: null })}>
                {t('admin:calendar.addHoliday')}
              </Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('admin:calendar.workdays')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('admin:calendar.workdaysHint')}
        </Typography.Paragraph>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} style={{ marginBottom: 12, width: 150 }}>
                    <AutoComplete
                      options={nameOptions}
                      aria-label={t('admin:calendar.workdayRowName', { n: index + 1 })}
                      placeholder={t('admin:calendar.makesUpFor')}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} style={{ marginBottom: 12 }}>
                    <DatePicker
                      aria-label={t('admin:calendar.workdayRowDate', { n: index + 1 })}
                      disabledDate={outsideYear}
                      defaultPickerValue={yearStart}
                      placeholder={t('admin:calendar.workdayDate')}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('admin:calendar.removeWorkday', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', date: null })}>
                {t('admin:calendar.addWorkday')}
              </Button>
            </>
          )}
        </Form.List>

        <Form.Item
          name="note"
          label={t('admin:calendar.note')}
          extra={t('admin:calendar.noteHint')}
          style={{ marginTop: 24 }}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>

      <Typography.Title level={5}>{t('admin:calendar.preview')}</Typography.Title>
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('admin:calendar.daysOff')} value={summary.daysOff} />
        <Statistic title={t('admin:calendar.weekdaysOff')} value={summary.weekdaysOff} />
        <Statistic title={t('admin:calendar.makeUpDays')} value={summary.makeUpDays} />
      </Space>
      {summary.daysOff > 0 &&
        new Set(draft.holidays.filter((h) => h.from).map((h) => h.name.trim())).size < 7 && (
          <Alert type="info" showIcon title={t('admin:calendar.fewHolidays')} style={{ marginBottom: 12 }} />
        )}
      {months.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('admin:calendar.previewEmpty')}</Typography.Paragraph>
      ) : (
        <div className="year-grid">
          {months.map((m) => (
            <MonthGrid key={m} year={year} month={m} marks={marks} />
          ))}
        </div>
      )}
    </Drawer>
  );
}
