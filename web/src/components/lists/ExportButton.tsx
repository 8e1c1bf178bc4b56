import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Modal, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildWorkbook, type ExportOptions, saveFile, XLSX_TYPE } from './export-xlsx.ts';

/**
 * Exports the list as filtered now to .xlsx, page by page through the API, with a progress dialog
 * that counts the rows fetched and can stop the export.
 */
export function ExportButton<T>({
  options,
  expected,
}: {
  options: () => Omit<ExportOptions<T>, 'onProgress' | 'signal'>;
  /** Rows expected, when the page knows (the progress bar is then a percentage). */
  expected?: number;
}) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const [rows, setRows] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setRows(0);
    const chosen = options();
    try {
      const { data, rows: written } = await buildWorkbook({
        ...chosen,
        signal: controller.signal,
        onProgress: setRows,
      });
      saveFile(data, chosen.fileName, XLSX_TYPE);
      void message.success(t('list.exportDone', { count: written }));
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError'))
        void message.error(
          t('list.exportFailed', { message: error instanceof Error ? error.message : String(error) }),
        );
    } finally {
      setRows(null);
      abort.current = null;
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => void run()} disabled={rows !== null}>
        {t('list.export')}
      </Button>
      <Modal
        open={rows !== null}
        title={t('list.exporting')}
        closable={false}
        mask={{ closable: false }}
        okButtonProps={{ style: { display: 'none' } }}
        cancelText={t('list.exportCancel')}
        onCancel={() => abort.current?.abort()}
      >
        <Progress
          percent={expected ? Math.min(99, Math.round(((rows ?? 0) / expected) * 100)) : 99}
          status="active"
          showInfo={Boolean(expected)}
        />
        <Typography.Text role="status">{t('list.exportProgress', { count: rows ?? 0 })}</Typography.Text>
      </Modal>
    </>
  );
}
