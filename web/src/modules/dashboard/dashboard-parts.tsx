import type { ReportFigure } from '@binh-an/domain';
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/anchor-link.tsx';

/** A link to records in the staff app (a path under /app with its filters, as the server writes them). */
export function RecordLink({ href, children }: { href: string; children: ReactNode }) {
  const url = new URL(href, 'http://app.invalid');
  const to = url.pathname.replace(/^\/app(?=\/|$)/, '') || '/';
  const search = Object.fromEntries(url.searchParams);
  return (
    // Underlined: a link must not be told apart by colour alone (WCAG 1.4.1).
    <AnchorLink to={to as '/cases'} search={search as never} underline="always">
      {children}
    </AnchorLink>
  );
}

/** The headline figures as cards: the figure, the same period a year before, and the change in words. */
export function HeadlineFigures({ figures, previousLabel }: { figures: readonly ReportFigure[]; previousLabel: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dashboard-headline">
      <Title order={2} size="h4" id="dashboard-headline" mb="xs">
        {t('dashboardPage.headline')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" component="ul" className="dashboard-cards">
        {figures.map((f) => (
          <Paper key={f.key} component="li" withBorder p="sm">
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {f.href ? <RecordLink href={f.href}>{f.label}</RecordLink> : f.label}
              </Text>
              <Text fz={26} fw={700} className="num" ta="left" lh={1.2}>
                {f.current.text}
              </Text>
              <Text size="xs" c="dimmed">
                {t('dashboardPage.previous', { previous: previousLabel, value: f.previous.text })}
              </Text>
              <Text size="xs">{f.change ?? t('dashboardPage.noChange')}</Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}
