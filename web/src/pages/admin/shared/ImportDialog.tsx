import { Alert, App, Modal, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails, errorText } from './ui.tsx';

/**
 * Imports a document in two steps: what it would change (a dry run, or a summary of the file),
 * then, once confirmed, the import itself, all or nothing. Problems the server finds are listed
 * by where they are in the file.
 */
export function ImportDialog<D, R>({
  document,
  fileName,
  title,
  preview,
  run,
  describe,
  onDone,
  onClose,
}: {
  document: D | null;
  fileName: string;
  title: string;
  /** What the import would do, shown before the import is confirmed. */
  preview: (document: D) => Promise<ReactNode>;
  run: (document: D) => Promise<R>;
  describe: (result: R) => string;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = App.useApp();
  const [summary, setSummary] = useState<ReactNode>(null);
  const [problem, setProblem] = useState<{
    message: string;
    details: { path: string; message: string }[];
  } | null>(null);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setSummary(null);
    setProblem(null);
    if (!document) return;
    let live = true;
    setChecking(true);
    preview(document)
      .then(
        (s) => live && setSummary(s),
        (e) => live && setProblem({ message: errorText(e), details: errorDetails(e) }),
      )
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [document, preview]);

  const confirm = async () => {
    if (!document) return;
    setBusy(true);
    try {
      const result = await run(document);
      void message.success(describe(result));
      onDone();
    } catch (e) {
      setProblem({ message: errorText(e), details: errorDetails(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={document !== null}
      title={title}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('admin:common.importConfirm')}
      cancelText={t('common:button.cancel')}
      okButtonProps={{ disabled: checking || problem !== null || summary === null }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admin:common.importFile', { name: fileName })}</Typography.Text>
        {checking && <Typography.Text>{t('admin:common.importChecking')}</Typography.Text>}
        {summary}
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem.message}
            description={
              problem.details.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflow: 'auto' }}>
                  {problem.details.slice(0, 50).map((d) => (
                    <li key={`${d.path}:${d.message}`}>
                      <Typography.Text code>{d.path.replace(/^body\./, '')}</Typography.Text> {d.message}
                    </li>
                  ))}
                </ul>
              )
            }
          />
        )}
        {!problem && summary !== null && (
          <Typography.Text type="secondary">{t('admin:common.importAllOrNothing')}</Typography.Text>
        )}
      </Space>
    </Modal>
  );
}
