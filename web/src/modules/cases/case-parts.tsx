import { CASE_GROUPS, type CaseGroup, type CaseStatus, type CaseTypeEntry } from '@binh-an/domain';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'brand',
  verifying: 'orange',
  cleared: 'green',
  transferred: 'grape',
  prosecuted: 'red',
  closed_no_crime: 'gray',
};

/** A case's status in words (the colour only adds to them). */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      // Long statuses ("Đã chuyển cơ quan điều tra") wrap inside narrow table cells instead of widening them.
      styles={{ root: { height: 'auto', minHeight: 'var(--badge-height)' }, label: { whiteSpace: 'normal', lineHeight: 1.35 } }}
    >
      {t(`cases.statuses.${status}`)}
    </Badge>
  );
}

/** A type's name with its Penal Code article when it has one: "Trộm cắp tài sản (Điều 173)". */
export function typeLabel(name: string, article: string | null, t: Translate): string {
  return article ? t('casesPage.typeWithArticle', { type: name, article }) : name;
}

/**
 * The catalogue's types as select options grouped by report group: active types only, unless `withRetired` (filters
 * find old cases too); `keep` stays listed even when retired (the type a case already has); `onlyGroup` narrows.
 */
export function caseTypeOptions(
  types: readonly CaseTypeEntry[],
  t: Translate,
  nameOf: (code: string) => string,
  options: { onlyGroup?: CaseGroup; keep?: string; withRetired?: boolean } = {},
) {
  return CASE_GROUPS.filter((group) => !options.onlyGroup || group === options.onlyGroup)
    .map((group) => ({
      group: t(`cases.groups.${group}`),
      items: types
        .filter((entry) => entry.group === group && (entry.active || options.withRetired || entry.code === options.keep))
        .map((entry) => ({
          value: entry.code,
          label: entry.active
            ? typeLabel(nameOf(entry.code), entry.penalCodeArticle, t)
            : t('casesPage.retiredType', { type: typeLabel(nameOf(entry.code), entry.penalCodeArticle, t) }),
        })),
    }))
    .filter((group) => group.items.length > 0);
}

/** The names of the officers in charge, or "Chưa giao". */
export function officersText(officers: readonly { name: string }[], t: Translate): string {
  const names = officers.map((officer) => officer.name).filter(Boolean);
  return names.length ? names.join(', ') : t('casesPage.noOfficer');
}
