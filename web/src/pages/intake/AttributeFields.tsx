import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CategoryAttribute } from './intake-types.ts';

const describe = (a: { descriptionZh: string; descriptionEn: string }, language: string) =>
  language.startsWith('zh') ? a.descriptionZh : a.descriptionEn || a.descriptionZh;

/**
 * The input for one attribute. Form.Item hands its child `id`, `value`, `onChange` and the status
 * props: they go on to the antd control, or the form would never see the value.
 */
function Control({
  attribute,
  language,
  ...bound
}: {
  attribute: CategoryAttribute;
  language: string;
  [prop: string]: unknown;
}) {
  const { t } = useTranslation('intake');
  const choices = (attribute.values ?? []).map((v) => ({
    value: v.key,
    label: language.startsWith('zh') ? v.nameZh : v.nameEn || v.nameZh,
  }));
  switch (attribute.datatype) {
    case 'string':
      return <Input {...bound} maxLength={500} autoComplete="off" />;
    case 'text':
      return <Input.TextArea {...bound} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />;
    case 'number':
      return <InputNumber {...bound} style={{ width: '100%' }} />;
    case 'datetime':
      return (
        <DatePicker
          {...bound}
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
        />
      );
    case 'singlevaluelist':
      return (
        <Select
          {...bound}
          options={choices}
          allowClear
          placeholder={t('attributes.choose')}
          virtual={false}
        />
      );
    case 'multivaluelist':
      return (
        <Select
          {...bound}
          mode="multiple"
          options={choices}
          allowClear
          placeholder={t('attributes.choose')}
          virtual={false}
        />
      );
  }
}

/** The chosen category's extra fields, in their order; the server's errors land under each by code. */
export function AttributeFields({ attributes }: { attributes: CategoryAttribute[] }) {
  const { t, i18n } = useTranslation('intake');
  const language = i18n.language;
  return (
    <>
      {attributes.map((attribute) => {
        const name = describe(attribute, language);
        return (
          <Form.Item
            key={attribute.code}
            name={['attributes', attribute.code]}
            label={name}
            extra={attribute.datatypeDescription}
            rules={
              attribute.required ? [{ required: true, message: t('attributes.required', { name }) }] : []
            }
          >
            <Control attribute={attribute} language={language} />
          </Form.Item>
        );
      })}
    </>
  );
}
