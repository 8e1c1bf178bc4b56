import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const DATATYPES = [
  'string',
  'text',
  'number',
  'datetime',
  'singlevaluelist',
  'multivaluelist',
] as const;
const LISTS: readonly string[] = ['singlevaluelist', 'multivaluelist'];

/**
 * The extra fields a case of the category asks for (Open311 attributes): a code, a type, whether
 * it is required, the question in both languages, and for list types the choices.
 */
export function AttributesEditor() {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <Form.List name="attributes">
      {(fields, { add, remove, move }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.length === 0 && (
            <Typography.Text type="secondary">{t('admin:categories.noAttributes')}</Typography.Text>
          )}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('admin:categories.attributeN', { n: index + 1 })}
              extra={
                <Space size={0}>
                  <Button
                    type="text"
                    size="small"
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                    aria-label={t('admin:categories.moveUp', { n: index + 1 })}
                  >
                    ↑
                  </Button>
                  <Button
                    type="text"
                    size="small"
                    disabled={index === fields.length - 1}
                    onClick={() => move(index, index + 1)}
                    aria-label={t('admin:categories.moveDown', { n: index + 1 })}
                  >
                    ↓
                  </Button>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('admin:categories.removeAttribute', { n: index + 1 })}
                  />
                </Space>
              }
            >
              <Space wrap align="start">
                <Form.Item
                  name={[field.name, 'code']}
                  label={t('admin:categories.attrCode')}
                  rules={[
                    { required: true, message: t('admin:categories.attrCodeRequired') },
                    { pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: t('admin:categories.attrCodeRule') },
                  ]}
                  style={{ width: 160, marginBottom: 8 }}
                >
                  <Input spellCheck={false} placeholder="floor" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'datatype']}
                  label={t('admin:categories.attrType')}
                  rules={[{ required: true }]}
                  style={{ width: 160, marginBottom: 8 }}
                >
                  <Select
                    options={DATATYPES.map((d) => ({ value: d, label: t(`admin:categories.datatype.${d}`) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'required']}
                  label={t('admin:categories.attrRequired')}
                  valuePropName="checked"
                  style={{ marginBottom: 8 }}
                >
                  <Switch />
                </Form.Item>
              </Space>
              <Space wrap align="start" style={{ width: '100%' }}>
                <Form.Item
                  name={[field.name, 'descriptionZh']}
                  label={t('admin:categories.attrQuestionZh')}
                  rules={[
                    { required: true, whitespace: true, message: t('admin:categories.attrQuestionRequired') },
                  ]}
                  style={{ minWidth: 220, marginBottom: 8 }}
                >
                  <Input maxLength={500} placeholder="所在楼层" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'descriptionEn']}
                  label={t('admin:categories.attrQuestionEn')}
                  rules={[
                    { required: true, whitespace: true, message: t('admin:categories.attrQuestionRequired') },
                  ]}
                  style={{ minWidth: 220, marginBottom: 8 }}
                >
                  <Input maxLength={500} placeholder="Floor" />
                </Form.Item>
              </Space>
              <Form.Item noStyle shouldUpdate>
                {(form) =>
                  LISTS.includes(form.getFieldValue(['attributes', field.name, 'datatype'])) && (
                    <ValuesEditor name={field.name} />
                  )
                }
              </Form.Item>
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              add({ code: '', datatype: 'string', required: false, descriptionZh: '', descriptionEn: '' })
            }
          >
            {t('admin:categories.addAttribute')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** The choices of a list attribute: a stable key and the text in both languages. */
function ValuesEditor({ name }: { name: number }) {
  const { t } = useTranslation('admin');
  return (
    <Form.List
      name={[name, 'values']}
      rules={[
        {
          validator: async (_, values: unknown[] | undefined) => {
            if (!values || values.length === 0) throw new Error(t('categories.valuesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div>
          <Typography.Text>{t('categories.values')}</Typography.Text>
          {fields.map((field, index) => (
            <Space key={field.key} wrap align="start" style={{ display: 'flex', marginTop: 4 }}>
              <Form.Item
                name={[field.name, 'key']}
                rules={[{ required: true, whitespace: true, message: t('categories.valueKeyRequired') }]}
                style={{ width: 110, marginBottom: 4 }}
              >
                <Input
                  aria-label={t('categories.valueKey', { n: index + 1 })}
                  placeholder={t('categories.valueKeyShort')}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'nameZh']}
                rules={[{ required: true, whitespace: true, message: t('categories.valueNameRequired') }]}
                style={{ width: 150, marginBottom: 4 }}
              >
                <Input
                  aria-label={t('categories.valueNameZh', { n: index + 1 })}
                  placeholder={t('common.nameZh')}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'nameEn']}
                rules={[{ required: true, whitespace: true, message: t('categories.valueNameRequired') }]}
                style={{ width: 150, marginBottom: 4 }}
              >
                <Input
                  aria-label={t('categories.valueNameEn', { n: index + 1 })}
                  placeholder={t('common.nameEn')}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('categories.removeValue', { n: index + 1 })}
                onClick={() => remove(field.name)}
              />
            </Space>
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: '', nameZh: '', nameEn: '' })}
          >
            {t('categories.addValue')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
