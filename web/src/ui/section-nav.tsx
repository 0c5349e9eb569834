import { Group } from '@mantine/core';
import type { LinkProps } from '@tanstack/react-router';
import { AnchorLink } from './anchor-link.tsx';

export type SectionLink<K extends string> = { key: K; to: LinkProps['to']; label: string };

/** The links between a module's screens, in a named navigation region; the current one is bold and marked for screen readers. */
export function SectionNav<K extends string>({ label, links, current }: { label: string; links: readonly SectionLink<K>[]; current: K }) {
  return (
    <nav aria-label={label}>
      <Group gap="md" wrap="wrap" mb="sm">
        {links.map((l) => (
          <AnchorLink key={l.key} to={l.to} fw={current === l.key ? 700 : 400} aria-current={current === l.key ? 'page' : undefined}>
            {l.label}
          </AnchorLink>
        ))}
      </Group>
    </nav>
  );
}
