import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { optionalText, type PartyInput } from './mediation-data.ts';
import { PersonPicker } from './PersonPicker.tsx';

/** One party as typed in the form: a new person with the particulars the agreement needs. */
export interface PartyValues {
  role: PartyInput['role'];
  name: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  sex?: 'male' | 'female';
  age?: number;
  ethnicity?: string;
  occupation?: string;
  /** For an agent: the index of the party they represent. */
  represents?: number;
  relation?: string;
  /** Opening from a case: this party is the case's reporter, already in the Person register. */
  caseReporter?: boolean;
  /** Someone already in the Person register. */
  personId?: number;
}

export const NEW_APPLICANT: PartyValues = { role: 'applicant', name: '' };
export const NEW_RESPONDENT: PartyValues = { role: 'respondent', name: '' };

/** The parties as the API takes them: each a new person in the register, agents pointing at their party. */
export function partiesBody(parties: PartyValues[]): PartyInput[] {
  return parties.map((p) => ({
    role: p.role,
    ...(p.caseReporter
      ? { caseReporter: true as const }
      : p.personId !== undefined
        ? { personId: p.personId }
        : {
            person: {
              name: p.name.trim(),
              phone: optionalText(p.phone) ?? null,
              idNumber: optionalText(p.idNumber) ?? null,
              address: optionalText(p.address) ?? null,
            },
          }),
    sex: p.sex,
    age: typeof p.age === 'number' ? p.age : undefined,
    ethnicity: optionalText(p.ethnicity),
    occupation: optionalText(p.occupation),
    represents: p.role === 'agent' ? p.represents : undefined,
    relation: optionalText(p.relation),
  }));
}

/**
 * Applicants, respondents and agents, each with the particulars an agreement names. Opened from a
 * case with a known reporter, a party can be that reporter (`reporter` names them).
 */
export function PartiesFields({ reporter }: { reporter?: string | null } = {}) {
  const { t } = useTranslation('mediation');
  const form = Form.useFormInstance();
  const parties = (Form.useWatch('parties', form) ?? []) as PartyValues[];
  const roles = (['applicant', 'respondent', 'agent'] as const).map((r) => ({
    value: r,
    label: t(`role.${r}`),
  }));
  return (
    <Form.List name="parties">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => {
            const role = parties[i]?.role;
            const isReporter = parties[i]?.caseReporter === true;
            const registered = parties[i]?.personId !== undefined;
            // A known person (the case's reporter, or one picked from the register) needs no particulars typed.
            const known = isReporter || registered;
            return (
              <Card
                key={field.key}
                size="small"
                title={t('parties.nth', { n: i + 1 })}
                style={{ marginBottom: 12 }}
                extra={
                  fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('parties.remove', { n: i + 1 })}
                    />
                  )
                }
              >
                <Row gutter={12}>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[field.name, 'role']}
                      label={t('parties.role')}
                      rules={[{ required: true }]}
                    >
                      <Select options={roles} aria-label={t('parties.role')} />
                    </Form.Item>
                  </Col>
                  {reporter &&
                    role === 'applicant' &&
                    (isReporter || !parties.some((p) => p?.caseReporter)) && (
                      <Col xs={24}>
                        <Form.Item name={[field.name, 'caseReporter']} valuePropName="checked">
                          <Checkbox>{t('parties.isReporter', { name: reporter })}</Checkbox>
                        </Form.Item>
                      </Col>
                    )}
                  {!isReporter && (
                    <Col xs={24} sm={16}>
                      <Form.Item name={[field.name, 'personId']} label={t('parties.find')}>
                        <PersonPicker
                          label={t('parties.find')}
                          onPicked={(person) => {
                            form.setFieldValue(['parties', field.name, 'name'], person?.name ?? '');
                            if (person?.sex) form.setFieldValue(['parties', field.name, 'sex'], person.sex);
                          }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24} sm={8} hidden={known}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('parties.name')}
                      rules={[
                        // Read at validation time, not from the last render: a party just marked as the
                        // case's reporter (or picked from the register) needs no name typed.
                        ({ getFieldValue }) => ({
                          validator(_, value?: string) {
                            const party = getFieldValue(['parties', field.name]) as
                              | { caseReporter?: boolean; personId?: number }
                              | undefined;
                            if (party?.caseReporter || party?.personId || value?.trim())
                              return Promise.resolve();
                            return Promise.reject(new Error(t('form.required')));
                          },
                        }),
                      ]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8} hidden={known}>
                    <Form.Item name={[field.name, 'phone']} label={t('parties.phone')}>
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={4}>
                    <Form.Item name={[field.name, 'sex']} label={t('parties.sex')}>
                      <Select
                        allowClear
                        options={[
                          { value: 'male', label: t('sex.male') },
                          { value: 'female', label: t('sex.female') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={4}>
                    <Form.Item name={[field.name, 'age']} label={t('parties.age')}>
                      <InputNumber min={0} max={150} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6}>
                    <Form.Item name={[field.name, 'ethnicity']} label={t('parties.ethnicity')}>
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={10}>
                    <Form.Item name={[field.name, 'occupation']} label={t('parties.occupation')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={10} hidden={known}>
                    <Form.Item name={[field.name, 'idNumber']} label={t('parties.idNumber')}>
                      <Input maxLength={18} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={14} hidden={known}>
                    <Form.Item name={[field.name, 'address']} label={t('parties.address')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  {role === 'agent' && (
                    <>
                      <Col xs={24} sm={12}>
                        <Form.Item
                          name={[field.name, 'represents']}
                          label={t('parties.represents')}
                          rules={[{ required: true, message: t('form.required') }]}
                        >
                          <Select
                            options={parties.flatMap((p, j) =>
                              j !== i && p?.role !== 'agent'
                                ? [
                                    {
                                      value: j,
                                      label: `${j + 1}. ${p?.name || t(`role.${p?.role ?? 'applicant'}`)}`,
                                    },
                                  ]
                                : [],
                            )}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={12}>
                        <Form.Item name={[field.name, 'relation']} label={t('parties.relation')}>
                          <Input maxLength={100} />
                        </Form.Item>
                      </Col>
                    </>
                  )}
                </Row>
              </Card>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ role: 'respondent', name: '' })}
            block
            style={{ marginBottom: 16 }}
          >
            {t('parties.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
