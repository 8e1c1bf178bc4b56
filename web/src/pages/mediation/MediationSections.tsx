// The sections of the mediation case page below its header.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/workbench.ts';
import { DateTime } from '../../components/case/labels.tsx';
import { useClient } from '../../components/session.tsx';
import { ATTACHMENT_TYPES } from '../case/action-forms.tsx';
import { fileSize } from '../case/CaseAttachments.tsx';
import { evidenceUrl, type MediationDetail, type MediationEvent, mediationPath } from './mediation-data.ts';

/** The parties with their particulars: whole for the case's mediators, masked for anyone else. */
export function Parties({ detail }: { detail: MediationDetail }) {
  const { t } = useTranslation('mediation');
  const byId = new Map(detail.parties.map((p) => [p.id, p]));
  return (
    <Flex vertical gap={8}>
      {detail.parties.some((p) => p.masked) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('parties.masked')}
        </Typography.Text>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.parties}
        columns={[
          { key: 'role', title: t('parties.role'), render: (_, p) => <Tag>{t(`role.${p.role}`)}</Tag> },
          {
            key: 'name',
            title: t('parties.name'),
            render: (_, p) => (
              <Flex vertical>
                <span>{p.name}</span>
                {p.representsId !== null && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('parties.representing', {
                      name: byId.get(p.representsId)?.name ?? '',
                      relation: p.relation ?? '',
                    })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            key: 'who',
            title: t('parties.particulars'),
            render: (_, p) =>
              [
                p.sex ? t(`sex.${p.sex}`) : null,
                p.age !== null ? t('parties.ageValue', { age: p.age }) : null,
                p.ethnicity,
                p.occupation,
              ]
                .filter(Boolean)
                .join('，') || '—',
          },
          { key: 'phone', title: t('parties.phone'), render: (_, p) => p.phone ?? '—' },
          { key: 'idNumber', title: t('parties.idNumber'), render: (_, p) => p.idNumber ?? '—' },
          { key: 'address', title: t('parties.address'), render: (_, p) => p.address ?? '—' },
        ]}
      />
    </Flex>
  );
}

/** The facts and claims, an oral application's record, and how the case ended. */
export function Dispute({ detail }: { detail: MediationDetail }) {
  const { t } = useTranslation('mediation');
  const pre = { whiteSpace: 'pre-wrap' as const };
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'facts', label: t('field.facts'), children: <span style={pre}>{detail.facts}</span> },
        { key: 'claims', label: t('field.claims'), children: <span style={pre}>{detail.claims}</span> },
        ...(detail.oralRecord
          ? [
              {
                key: 'oral',
                label: t('register.oralRecord'),
                children: <span style={pre}>{detail.oralRecord}</span>,
              },
            ]
          : []),
        ...(detail.refusalReason
          ? [{ key: 'refusal', label: t('forms.refuse.reason'), children: detail.refusalReason }]
          : []),
        ...(detail.routesTold.length
          ? [
              {
                key: 'routes',
                label: t('forms.routesTold'),
                children: detail.routesTold.map((r) => t(`route.${r}`)).join('、'),
              },
            ]
          : []),
        ...(detail.outcomeNote
          ? [
              {
                key: 'outcome',
                label: t('forms.outcome.note'),
                children: <span style={pre}>{detail.outcomeNote}</span>,
              },
            ]
          : []),
      ]}
    />
  );
}

/** Sessions and investigations in the order they were held. */
export function Records({ detail }: { detail: MediationDetail }) {
  const { t } = useTranslation('mediation');
  if (detail.records.length === 0) return <Empty description={t('records.none')} />;
  return (
    <Flex vertical gap={12}>
      {detail.records.map((r) => (
        <Card
          key={r.id}
          size="small"
          type="inner"
          title={
            <Space wrap>
              <Tag color={r.kind === 'session' ? 'blue' : 'purple'}>{t(`records.kind.${r.kind}`)}</Tag>
              <DateTime value={r.heldAt} />
              <span>{r.place}</span>
            </Space>
          }
        >
          {r.subject && <Typography.Paragraph strong>{r.subject}</Typography.Paragraph>}
          {r.attendees.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('records.attendees')}：{r.attendees.join('、')}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {r.record}
          </Typography.Paragraph>
          {r.recordedBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('records.by', { name: r.recordedBy })}
            </Typography.Text>
          )}
        </Card>
      ))}
    </Flex>
  );
}

/** Evidence: every file downloadable; an upload with a description for those who handle the case. */
export function Evidence({
  detail,
  onDone,
  onStale,
}: {
  detail: MediationDetail;
  onDone: (next: MediationDetail) => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('mediation');
  const client = useClient();
  const { message } = App.useApp();
  const [description, setDescription] = useState('');
  const [uploading, setUploading] = useState(false);

  const upload = async (files: File[]) => {
    setUploading(true);
    try {
      const form = new FormData();
      if (description.trim()) form.append('description', description.trim());
      for (const f of files) form.append('file', f, f.name);
      const next = await client.send<MediationDetail>('POST', mediationPath(detail.id, '/attachments'), form);
      message.success(t('done.attach', { count: files.length }));
      setDescription('');
      await onDone(next);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && e.status === 404) await onStale();
    } finally {
      setUploading(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      {detail.abilities.attach && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={500}
            placeholder={t('evidence.description')}
            aria-label={t('evidence.description')}
          />
          <Upload
            multiple
            accept={ATTACHMENT_TYPES}
            showUploadList={false}
            beforeUpload={(file, list) => {
              if (file === list[list.length - 1]) void upload(list as File[]);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('evidence.upload')}
            </Button>
          </Upload>
        </Space.Compact>
      )}
      {detail.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('evidence.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {detail.attachments.map((f) => (
            <Flex key={f.id} justify="space-between" align="center" gap={8} wrap>
              <Flex vertical>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{f.fileName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[f.description, fileSize(f.size, i18n.language), f.uploadedBy].filter(Boolean).join(' · ')}{' '}
                  · <DateTime value={f.uploadedAt} />
                </Typography.Text>
              </Flex>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={evidenceUrl(detail.id, f.id)}
                download={f.fileName}
                aria-label={t('evidence.download', { name: f.fileName })}
              />
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** The case's history, newest first. */
export function History({ events }: { events: MediationEvent[] }) {
  const { t } = useTranslation('mediation');
  if (events.length === 0) return <Empty />;
  return (
    <Timeline
      items={[...events].reverse().map((e) => ({
        key: e.id,
        content: (
          <Flex vertical>
            <Typography.Text strong>
              {t(`event.${e.action as 'accept'}`, { defaultValue: e.action })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <DateTime value={e.at} /> · {e.actor}
            </Typography.Text>
            {e.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}
