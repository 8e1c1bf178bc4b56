import {
  Alert,
  AutoComplete,
  Button,
  Checkbox,
  Col,
  Form,
  Grid,
  Input,
  type InputRef,
  Popconfirm,
  Radio,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_ERROR } from '../../api/client.ts';
import type { IntakeResult } from '../../api/http.ts';
import { ApiError, fieldErrors } from '../../api/workbench.ts';
import { RoutingSuggestions, useRoutingSuggestion } from '../../components/routing/RoutingSuggestions.tsx';
import { useSession } from '../../components/session.tsx';
import { AttributeFields } from './AttributeFields.tsx';
import { CallerHistory, repeatCandidate, useCallerHistory } from './CallerHistory.tsx';
import { CategoryPicker, entriesOf } from './CategoryPicker.tsx';
import { DuplicatesPanel } from './DuplicatesPanel.tsx';
import { IntakeDone } from './IntakeDone.tsx';
import {
  buildRegisterBody,
  CASE_KINDS,
  callerNumber,
  channelsFor,
  EMPTY_INTAKE,
  fieldOfError,
  type IntakeValues,
  intakeUnitOf,
  lacksAreaCode,
  newIdempotencyKey,
} from './intake-form.ts';
import type { Catalogue, Communities } from './intake-types.ts';
import { PlaceFields } from './PlaceFields.tsx';
import './intake.css';

type Problem = { title: string; messages: string[]; registerAnew?: boolean };

/** Whether a nested partial value (antd's changed values) holds something at `path`. */
function holdsPath(value: unknown, path: (string | number)[]): boolean {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !(key in at)) return false;
    at = (at as Record<string | number, unknown>)[key];
  }
  return true;
}

/** The catalogue and the streets with their communities, loaded once for the pickers. */
function usePickerData() {
  const { client } = useSession();
  const [catalogue, setCatalogue] = useState<Catalogue>();
  const [communities, setCommunities] = useState<Communities>();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const fail = (error: unknown) => setFailure(error instanceof Error ? error.message : String(error));
    client.get<Catalogue>('/api/categories').then(setCatalogue, fail);
    client.get<Communities>('/api/org/public/communities').then(setCommunities, fail);
  }, [client]);
  return { catalogue, communities, failure };
}

/**
 * Registers a request taken on the phone or at a workroom, made for speed: focus starts on the
 * caller's number, which brings up their earlier cases; Enter submits (Ctrl+Enter from a text
 * area); a key per form fill makes a double submit or a retry file one case only.
 */
export function IntakePage() {
  const { t } = useTranslation(['intake', 'common']);
  const session = useSession();
  const { client } = session;
  const screens = Grid.useBreakpoint();
  const wide = !!screens.lg;
  const [form] = Form.useForm<IntakeValues>();
  const { catalogue, communities, failure } = usePickerData();
  const { roles } = session.me.user;
  const channels = useMemo(() => channelsFor(roles.map((r) => r.role)), [roles]);
  const canAnswer = session.can('case.answer');

  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const submitting = useRef(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const phoneInput = useRef<InputRef>(null);
  /** Fields showing a server error: the error goes as soon as their value changes. */
  const serverErrorFields = useRef<(string | number)[][]>([]);

  const phone: string | undefined = Form.useWatch(['reporter', 'phone'], form);
  const name: string | undefined = Form.useWatch(['reporter', 'name'], form);
  const categoryCode: string | undefined = Form.useWatch('categoryCode', form);
  const answerNow: boolean | undefined = Form.useWatch('answerNow', form);
  const channel: IntakeValues['channel'] = Form.useWatch('channel', form) ?? channels[0];
  const description: string | undefined = Form.useWatch('description', form);
  const address: string | undefined = Form.useWatch(['location', 'address'], form);
  const suggestion = useRoutingSuggestion(client, description, address);
  const history = useCallerHistory(client, phone, {
    cases: session.can('case.view_reporter'),
    persons: session.can('person.read'),
  });

  const category = useMemo(
    () => entriesOf(catalogue).find((e) => e.category.code === categoryCode)?.category,
    [catalogue, categoryCode],
  );
  const workroomId = channel === 'walk_in' ? intakeUnitOf(roles) : undefined;

  useEffect(() => {
    if (!result) phoneInput.current?.focus();
  }, [result]);

  /** The fields on screen now, so a server error can find its place. */
  const shownFields = (): (string | number)[][] => [
    ...(channels.length > 1 ? [['channel']] : []),
    ['reporter', 'phone'],
    ['reporter', 'name'],
    ['reporter', 'anonymous'],
    ['categoryCode'],
    ['kind'],
    ['title'],
    ['description'],
    ['location', 'address'],
    ['location', 'communityId'],
    ...(category?.attributes ?? []).map((a) => ['attributes', a.code]),
    ['urgent'],
    ...(answerNow ? [['answer', 'text']] : []),
  ];

  /** Registers the form; with `mergeInto`, as a duplicate merged at once into that open case. */
  const submit = async (mergeInto?: number) => {
    if (submitting.current) return;
    submitting.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const body = {
        ...buildRegisterBody({ ...form.getFieldsValue(true), channel }, category),
        ...(mergeInto ? { mergeInto } : {}),
      };
      const registered = await client.post<IntakeResult>('/api/cases', body, {
        'Idempotency-Key': idempotencyKey,
      });
      setResult(registered);
    } catch (error) {
      showError(error);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const showError = (error: unknown) => {
    const byPath = fieldErrors(error);
    const shown = shownFields();
    const onFields = new Map<string, { name: (string | number)[]; errors: string[] }>();
    const elsewhere: string[] = [];
    for (const [path, message] of Object.entries(byPath)) {
      const field = fieldOfError(path, shown);
      if (!field) {
        elsewhere.push(message);
        continue;
      }
      const key = field.join('.');
      const entry = onFields.get(key) ?? { name: field, errors: [] };
      entry.errors.push(message);
      onFields.set(key, entry);
    }
    if (onFields.size > 0) {
      form.setFields([...onFields.values()]);
      serverErrorFields.current = [...onFields.values()].map((f) => f.name);
      const first = [...onFields.values()][0];
      if (first) form.scrollToField(first.name, { focus: true, block: 'center' });
    }
    const fallback =
      error instanceof ApiError
        ? error.code === NETWORK_ERROR
          ? t('common:error.network')
          : error.message
        : String(error);
    if (error instanceof ApiError && error.code === 'case.idempotency_mismatch') {
      // An earlier try of this form reached the server after all, and the form has changed since.
      setProblem({ title: t('submit.alreadyFiled'), messages: [], registerAnew: true });
    } else if (onFields.size > 0 && elsewhere.length === 0) {
      setProblem({ title: t('submit.fieldErrors'), messages: [] });
    } else {
      setProblem({ title: t('submit.failed'), messages: elsewhere.length > 0 ? elsewhere : [fallback] });
    }
  };

  const startOver = () => {
    form.resetFields();
    setProblem(null);
    setResult(null);
    setIdempotencyKey(newIdempotencyKey());
    phoneInput.current?.focus();
  };

  if (result) return <IntakeDone result={result} onNext={startOver} />;

  const phoneNote = lacksAreaCode(phone) ? (
    <Typography.Text type="warning">{t('caller.landline')}</Typography.Text>
  ) : (
    t('caller.phoneHelp')
  );
  const knownName = history.phase === 'done' ? history.knownName : null;
  const repeat = repeatCandidate(history, categoryCode);
  const historyPanel = <CallerHistory state={history} categoryCode={categoryCode} collapsible={!wide} />;

  const fields = (
    <>
      <Typography.Title level={5} className="intake-section">
        {t('section.caller')}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} sm={12} xl={9}>
          <Form.Item
            name={['reporter', 'phone']}
            label={t('caller.phone')}
            extra={phoneNote}
            validateTrigger="onBlur"
            rules={[
              {
                validator: async (_, value?: string) => {
                  if (value?.trim() && !callerNumber(value)) throw new Error(t('caller.phoneInvalid'));
                },
              },
            ]}
          >
            <Input
              ref={phoneInput}
              inputMode="tel"
              autoComplete="off"
              maxLength={20}
              placeholder={t('caller.phonePlaceholder')}
              onKeyDown={(e) => {
                if (e.key === 'Escape') form.setFieldValue(['reporter', 'phone'], undefined);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={9}>
          <Form.Item
            name={['reporter', 'name']}
            label={t('caller.name')}
            extra={knownName && knownName !== name?.trim() && t('caller.knownAs', { name: knownName })}
          >
            <AutoComplete
              options={knownName && knownName !== name?.trim() ? [{ value: knownName }] : []}
              maxLength={100}
              placeholder={t('caller.namePlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} xl={6}>
          <Form.Item
            name={['reporter', 'anonymous']}
            valuePropName="checked"
            label={wide ? ' ' : undefined}
            colon={false}
            extra={t('caller.anonymousHelp')}
          >
            <Checkbox>{t('caller.anonymous')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      {!wide && historyPanel}

      <Typography.Title level={5} className="intake-section">
        {t('section.request')}
      </Typography.Title>
      <Form.Item
        name="categoryCode"
        label={t('category.label')}
        extra={
          category ? (
            <Space size={4} wrap>
              <span>
                {t('category.limits', { days: category.resolveWorkdays, hours: category.urgentHours })}
              </span>
              {category.sensitive && <Tag color="purple">{t('category.sensitive')}</Tag>}
              {repeat && (
                <Tag color="red">
                  {t('category.repeat')} {repeat.trackingNo}
                </Tag>
              )}
            </Space>
          ) : (
            t('category.none')
          )
        }
      >
        <CategoryPicker catalogue={catalogue} />
      </Form.Item>
      <Form.Item name="kind" label={t('kind.label')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          className="intake-kinds"
          options={CASE_KINDS.map((k) => ({ value: k, label: t(`common:kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('title.label')}>
        <Input maxLength={100} autoComplete="off" placeholder={t('title.placeholder')} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('description.label')}
        rules={[{ required: true, whitespace: true, message: t('description.required') }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={4000}
          showCount
          placeholder={t('description.placeholder')}
        />
      </Form.Item>
      <RoutingSuggestions
        suggestion={suggestion}
        selected={categoryCode}
        onPickCategory={(code) => form.setFieldValue('categoryCode', code)}
        onPickPlace={(place) => {
          const id = place.community?.id ?? place.street?.id;
          if (id !== undefined) form.setFieldValue(['location', 'communityId'], id);
        }}
      />

      <Typography.Title level={5} className="intake-section">
        {t('section.place')}
      </Typography.Title>
      <PlaceFields client={client} communities={communities} workroomId={workroomId} />
      <DuplicatesPanel
        client={client}
        form={form}
        busy={busy}
        enabled={session.can('case.read') && !answerNow}
        onMerge={(c) =>
          void form.validateFields().then(
            () => submit(c.id),
            () => undefined,
          )
        }
      />

      {category && category.attributes.length > 0 && (
        <>
          <Typography.Title level={5} className="intake-section">
            {t('section.details')}
          </Typography.Title>
          <AttributeFields attributes={category.attributes} />
        </>
      )}

      <Typography.Title level={5} className="intake-section">
        {t('section.handling')}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="urgent" valuePropName="checked" extra={t('urgent.help')}>
            <Checkbox>{t('urgent.label')}</Checkbox>
          </Form.Item>
        </Col>
        {canAnswer && (
          <Col xs={24} sm={12}>
            <Form.Item name="answerNow" valuePropName="checked" extra={t('answer.help')}>
              <Checkbox>{t('answer.toggle')}</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      {canAnswer && answerNow && (
        <Form.Item
          name={['answer', 'text']}
          label={t('answer.label')}
          rules={[{ required: true, whitespace: true, message: t('answer.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder={t('answer.placeholder')}
          />
        </Form.Item>
      )}

      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="intake-problem"
          title={problem.title}
          action={
            problem.registerAnew && (
              <Button
                size="small"
                onClick={() => {
                  setIdempotencyKey(newIdempotencyKey());
                  setProblem(null);
                }}
              >
                {t('submit.registerAnew')}
              </Button>
            )
          }
          description={
            problem.messages.length > 0 ? (
              <ul className="intake-problem-list">
                {problem.messages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <div className="intake-actions">
        <Button type="primary" htmlType="submit" size="large" loading={busy}>
          {answerNow ? t('submit.answer') : t('submit.register')}
        </Button>
        <Popconfirm title={t('submit.clearConfirm')} onConfirm={startOver}>
          <Button size="large">{t('submit.clear')}</Button>
        </Popconfirm>
      </div>
    </>
  );

  return (
    <section className="intake-page">
      <Typography.Title level={3} className="intake-heading">
        {t('heading')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="intake-lead">
        {t('lead')}
      </Typography.Paragraph>
      {failure && <Alert type="warning" showIcon title={failure} className="intake-problem" />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        initialValues={{ ...EMPTY_INTAKE, channel: channels[0] }}
        onFinish={() => void submit()}
        onValuesChange={(changed) => {
          const edited = serverErrorFields.current.filter((name) => holdsPath(changed, name));
          if (edited.length === 0) return;
          form.setFields(edited.map((name) => ({ name, errors: [] })));
          serverErrorFields.current = serverErrorFields.current.filter((name) => !edited.includes(name));
        }}
        scrollToFirstError={{ focus: true, block: 'center' }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        <Row gutter={24}>
          <Col xs={24} lg={15} xxl={14}>
            <div className="intake-panel">
              {channels.length > 1 && (
                <Form.Item name="channel" label={t('channel.label')} className="intake-channel">
                  <Radio.Group
                    optionType="button"
                    options={channels.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
                  />
                </Form.Item>
              )}
              {fields}
            </div>
          </Col>
          {wide && (
            <Col lg={9} xxl={10}>
              <div className="intake-aside">{historyPanel}</div>
            </Col>
          )}
        </Row>
      </Form>
    </section>
  );
}
