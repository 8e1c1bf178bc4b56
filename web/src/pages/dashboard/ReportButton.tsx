import { FilePdfOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/workbench.ts';
import { localToday } from './dashboard-query.ts';

/** The month before the current Beijing month, `YYYY-MM`: the latest complete one. */
export function lastMonth(now: Date = new Date()): string {
  const today = localToday(now);
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/**
 * The monthly report as a PDF (in Chinese, made by the server): choose the month, then download it
 * through an ordinary link, so the browser saves it with the server's file name.
 */
export function ReportButton({ unitId, unitLabel }: { unitId: number; unitLabel: string }) {
  const { t } = useTranslation('dashboard');
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState(lastMonth());
  const fieldId = useId();
  const href = withQuery('/api/reports/monthly.pdf', { unitId, month });
  const thisMonth = localToday().slice(0, 7);
  return (
    <>
      <Button icon={<FilePdfOutlined />} onClick={() => setOpen(true)}>
        {t('report.button')}
      </Button>
      <Modal
        open={open}
        title={t('report.title')}
        onCancel={() => setOpen(false)}
        footer={
          <Button
            type="primary"
            icon={<FilePdfOutlined />}
            href={href}
            download
            onClick={() => setOpen(false)}
          >
            {t('report.download')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('report.lead', { unit: unitLabel })}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('report.month')} htmlFor={fieldId}>
            <DatePicker
              id={fieldId}
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              disabledDate={(d: Dayjs) => d.format('YYYY-MM') > thisMonth}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
