import type { ReportDocumentFormat } from '@binh-an/domain';
import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { IconDownload } from '../../ui/icons.tsx';
import { downloadJobDocument, fetchReportJob, type ReportParams, requestReportDocument, saveFile } from './api.ts';

const FORMATS: readonly ReportDocumentFormat[] = ['pdf', 'docx', 'xlsx'];
/** How often a background report is asked how far it has come. */
const POLL_MS = 1000;

type State =
  | { step: 'idle' }
  | { step: 'writing'; format: ReportDocumentFormat; progress: number | null }
  | { step: 'ready'; format: ReportDocumentFormat; file: { blob: Blob; name: string } }
  | { step: 'failed'; format: ReportDocumentFormat; message: string };

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });

/** The PDF, Word and Excel buttons: a small report downloads at once; a large one shows the progress of its job first. */
export function ReportDownloads({ params }: { params: ReportParams | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ step: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);
  // Another unit or period: what was written for the previous one no longer applies.
  const paramsKey = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the asked report changes.
  useEffect(() => {
    controller.current?.abort();
    setState({ step: 'idle' });
  }, [paramsKey]);

  const start = async (format: ReportDocumentFormat) => {
    if (!params) return;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ step: 'writing', format, progress: null });
    try {
      const answer = await requestReportDocument(params, format, abort.signal);
      let file: { blob: Blob; name: string };
      if (answer.kind === 'file') file = answer;
      else {
        let job = answer.job;
        setState({ step: 'writing', format, progress: job.progress });
        while (job.status === 'queued' || job.status === 'running') {
          await wait(POLL_MS, abort.signal);
          job = await fetchReportJob(job.id, abort.signal);
          setState({ step: 'writing', format, progress: job.progress });
        }
        if (job.status !== 'done') throw new Error('failed');
        file = await downloadJobDocument(job, abort.signal);
      }
      saveFile(file.blob, file.name);
      setState({ step: 'ready', format, file });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const name = t(`reportsPage.formatNames.${format}`);
      setState({
        step: 'failed',
        format,
        message: error instanceof Error && error.message === 'failed' ? t('reportsPage.failed', { format: name }) : describeError(error),
      });
    }
  };

  const isBusy = state.step === 'writing';
  const formatName = state.step === 'idle' ? '' : t(`reportsPage.formatNames.${state.format}`);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="report-downloads">
      <Stack gap="xs">
        <Title order={2} size="h5" id="report-downloads">
          {t('reportsPage.downloads')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reportsPage.downloadsHint')}
        </Text>
        <Group gap="xs" wrap="wrap">
          {FORMATS.map((format) => (
            <Button
              key={format}
              variant={format === 'pdf' ? 'filled' : 'default'}
              leftSection={<IconDownload size={16} />}
              onClick={() => void start(format)}
              disabled={!params || isBusy}
              loading={state.step === 'writing' && state.format === format}
            >
              {t(`reportsPage.formats.${format}`)}
            </Button>
          ))}
        </Group>
        {state.step === 'writing' && state.progress !== null ? (
          <Progress value={state.progress} aria-label={t('reportsPage.progressLabel', { format: formatName })} />
        ) : null}
        <Text size="sm" role="status" c={state.step === 'failed' ? 'red.8' : undefined}>
          {state.step === 'writing'
            ? state.progress === null
              ? t('reportsPage.writing', { format: formatName })
              : t('reportsPage.queued', { progress: state.progress })
            : state.step === 'ready'
              ? t('reportsPage.ready', { format: formatName })
              : state.step === 'failed'
                ? state.message
                : ''}
        </Text>
        {state.step === 'ready' ? (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => saveFile(state.file.blob, state.file.name)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('reportsPage.downloadAgain', { format: formatName })}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
