import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type ListFooterProps = { countText: string; hasMore: boolean; isLoadingMore: boolean; onLoadMore: () => void };

/** The count line under a paged list and the "load more" button. */
export function ListFooter({ countText, hasMore, isLoadingMore, onLoadMore }: ListFooterProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="sm" gap="sm" wrap="wrap">
      <Text size="sm" role="status">
        {countText}
        {hasMore ? ` · ${t('common.moreAvailable')}` : ''}
      </Text>
      {hasMore ? (
        <Button variant="outline" onClick={onLoadMore} loading={isLoadingMore}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Group>
  );
}
