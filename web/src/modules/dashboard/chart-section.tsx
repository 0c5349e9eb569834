import { Paper, Stack, Text, Title } from '@mantine/core';
import { Component, lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../ui/loading-state.tsx';

/** ECharts and its React binding load with the first chart, not with the app (stack.md: about 177 kB gzip). */
const EChart = lazy(() => import('./dashboard-echart.tsx'));

/** A chart that cannot be drawn (its code failed to load) leaves its table to speak for it. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { hasFailed: boolean }> {
  state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}

type ChartSectionProps = {
  id: string;
  /** What is measured ("Tin báo và vụ việc theo tháng"). */
  heading: string;
  /** The finding, stated ("6 tháng đầu năm 2020: 20 vụ việc; nhiều nhất vào T3/2020 (6 vụ)"). */
  title: string;
  /** Read out by screen readers in place of the drawing. */
  description: string;
  option: Record<string, unknown> | null;
  height: number;
  /** The same numbers as a table, below the chart. */
  table: ReactNode;
};

/** A chart with its active title and, below it, the table of its numbers (ux.md §5: every chart has its table). */
export function ChartSection({ id, heading, title, description, option, height, table }: ChartSectionProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={id}>
          {heading}
        </Title>
        <Text fw={600}>{title}</Text>
        {option ? (
          <ChartBoundary
            fallback={
              <Text size="sm" c="dimmed">
                {t('dashboardPage.chartFailed')}
              </Text>
            }
          >
            <Suspense fallback={<LoadingState label={t('dashboardPage.loadingChart')} />}>
              <div className="dashboard-chart">
                <EChart option={option} description={description} height={height} />
              </div>
            </Suspense>
          </ChartBoundary>
        ) : null}
        {table}
      </Stack>
    </Paper>
  );
}
