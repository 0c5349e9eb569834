import type { PeriodicReport, ReportFigure, ReportSection, ReportSegment } from '@binh-an/domain';
import { Alert, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** A phrase made a heading: "cùng kỳ năm 2019" → "Cùng kỳ năm 2019". */
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** A link to the records behind a figure: the register of the staff app, with the report's filters. */
function RecordLink({ href, children }: { href: string; children: ReactNode }) {
  const url = new URL(href, 'http://app.invalid');
  const to = url.pathname.replace(/^\/app(?=\/|$)/, '') || '/';
  const search = Object.fromEntries(url.searchParams);
  return (
    // Underlined: a link inside a sentence must not be told apart by colour alone (WCAG 1.4.1).
    <AnchorLink to={to as '/cases'} search={search as never} underline="always">
      {children}
    </AnchorLink>
  );
}

function Sentence({ segments }: { segments: readonly ReportSegment[] }) {
  return (
    <Text component="p" className="report-sentence" mb="xs">
      {segments.map((segment, index) =>
        segment.href ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a sentence's segments never move; the sentence is rebuilt whole.
          <RecordLink key={index} href={segment.href}>
            {segment.text}
          </RecordLink>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <span key={index}>{segment.text}</span>
        ),
      )}
    </Text>
  );
}

function FigureRow({ figure }: { figure: ReportFigure }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={figure.level ? 400 : 600} style={{ paddingLeft: figure.level ? '1.75rem' : undefined }}>
        {figure.href ? <RecordLink href={figure.href}>{figure.label}</RecordLink> : figure.label}
      </Table.Th>
      <Table.Td className="num">{figure.current.text}</Table.Td>
      <Table.Td className="num">{figure.previous.text}</Table.Td>
      <Table.Td className="num">{figure.change ?? ''}</Table.Td>
    </Table.Tr>
  );
}

function Section({ report, section, index }: { report: PeriodicReport; section: ReportSection; index: number }) {
  const { t } = useTranslation();
  const id = `report-section-${section.key}`;
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mt="md" mb="xs">
        {`${ROMAN[index] ?? index + 1}. ${section.title}`}
      </Title>
      {section.sentences.map((segments, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sentences keep their order; the report is rebuilt whole.
        <Sentence key={i} segments={segments} />
      ))}
      {section.figures.length > 0 ? (
        <DataTable caption={t('reportsPage.figuresCaption', { section: section.title })} minWidth={560} label={section.title} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.columns.figure', { lng: report.lang })}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('reports.columns.current', { lng: report.lang })}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {capitalised(report.previousPeriod.label)}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('reports.columns.change', { lng: report.lang })}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {section.figures.map((figure) => (
              <FigureRow key={figure.key} figure={figure} />
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
    </section>
  );
}

/** The report as the ward reads it: heading, sentences with every figure a link, and the figures beside last year's. */
export function ReportView({ report }: { report: PeriodicReport }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="article" aria-labelledby="report-title" lang={report.lang}>
      <Stack gap={2} align="center" ta="center" mb="md">
        {report.parentAuthor ? <Text size="sm">{report.parentAuthor.toLocaleUpperCase(report.lang)}</Text> : null}
        <Text size="sm" fw={700}>
          {report.author.toLocaleUpperCase(report.lang)}
        </Text>
        <Title order={2} id="report-title" size="h3" mt="sm">
          {report.title}
        </Title>
        <Text fw={700}>{report.subtitle}</Text>
        <Text size="sm" c="dimmed">
          {t('reportsPage.covers', {
            from: formatDate(report.period.from),
            to: formatDate(report.period.to),
            previous: report.previousPeriod.label,
            previousFrom: formatDate(report.previousPeriod.from),
            previousTo: formatDate(report.previousPeriod.to),
          })}
        </Text>
      </Stack>
      <Sentence segments={report.intro} />
      {report.sections.map((section, index) => (
        <Section key={section.key} report={report} section={section} index={index} />
      ))}
      {report.notes.length > 0 ? (
        <Alert color="gray" variant="light" mt="md" title={t('reportsPage.notes')}>
          <List size="sm">
            {report.notes.map((note) => (
              <List.Item key={note}>{note}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Paper>
  );
}
