import { Text } from '@mantine/core';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconChevronDown, IconChevronRight } from '../../ui/icons.tsx';
import { UnitBadges } from './unit-badges.tsx';
import type { UnitForest } from './unit-forest.ts';

type UnitTreeProps = {
  forest: UnitForest;
  expanded: ReadonlySet<string>;
  onToggle: (id: string, isOpen?: boolean) => void;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  labelledBy: string;
};

type VisibleNode = { id: string; level: number; parentId: string | null };

/** The units as an expandable tree following the WAI-ARIA tree pattern (arrows move, Enter selects). */
export function UnitTree({ forest, expanded, onToggle, selectedId, onSelect, labelledBy }: UnitTreeProps) {
  const { t } = useTranslation();
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);
  const shouldMoveFocus = useRef(false);

  const visible = useMemo(() => {
    const out: VisibleNode[] = [];
    const walk = (ids: string[], level: number, parentId: string | null) => {
      for (const id of ids) {
        out.push({ id, level, parentId });
        const children = forest.childrenOf.get(id);
        if (children && expanded.has(id)) walk(children, level + 1, id);
      }
    };
    walk(forest.roots, 1, null);
    return out;
  }, [forest, expanded]);

  const isVisible = (id: string | undefined) => id !== undefined && visible.some((node) => node.id === id);
  const tabStop = isVisible(focusedId) ? focusedId : isVisible(selectedId) ? selectedId : visible[0]?.id;

  useEffect(() => {
    if (shouldMoveFocus.current && focusedId) {
      shouldMoveFocus.current = false;
      itemRefs.current.get(focusedId)?.focus();
    }
  }, [focusedId]);

  const moveTo = (id: string | undefined) => {
    if (!id) return;
    shouldMoveFocus.current = true;
    setFocusedId(id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const current = tabStop;
    if (!current) return;
    const index = visible.findIndex((node) => node.id === current);
    const node = visible[index];
    if (!node) return;
    const hasChildren = (forest.childrenOf.get(current)?.length ?? 0) > 0;
    const isOpen = expanded.has(current);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(visible[index + 1]?.id);
        break;
      case 'ArrowUp':
        moveTo(visible[index - 1]?.id);
        break;
      case 'Home':
        moveTo(visible[0]?.id);
        break;
      case 'End':
        moveTo(visible[visible.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (hasChildren && !isOpen) onToggle(current, true);
        else if (hasChildren) moveTo(forest.childrenOf.get(current)?.[0]);
        break;
      case 'ArrowLeft':
        if (hasChildren && isOpen) onToggle(current, false);
        else if (node.parentId) moveTo(node.parentId);
        break;
      case 'Enter':
      case ' ':
        onSelect(current);
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const renderItems = (ids: string[], level: number) =>
    ids.map((id, index) => {
      const unit = forest.byId.get(id);
      if (!unit) return null;
      const children = forest.childrenOf.get(id) ?? [];
      const hasChildren = children.length > 0;
      const isOpen = hasChildren && expanded.has(id);
      const isSelected = id === selectedId;
      const labelId = `unit-tree-label-${id}`;
      return (
        <li
          key={id}
          role="treeitem"
          aria-labelledby={labelId}
          aria-level={level}
          aria-setsize={ids.length}
          aria-posinset={index + 1}
          aria-expanded={hasChildren ? isOpen : undefined}
          aria-selected={isSelected}
          tabIndex={id === tabStop ? 0 : -1}
          ref={(element) => {
            if (element) itemRefs.current.set(id, element);
            else itemRefs.current.delete(id);
          }}
          onFocus={(event) => {
            if (event.target === event.currentTarget) setFocusedId(id);
          }}
        >
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keyboard for every item. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the tree item itself is the focusable control. */}
          <div
            className="unit-tree-row"
            onClick={(event) => {
              event.stopPropagation();
              setFocusedId(id);
              onSelect(id);
            }}
          >
            <span
              className="unit-tree-toggle"
              aria-hidden="true"
              onClick={(event) => {
                if (!hasChildren) return;
                event.stopPropagation();
                setFocusedId(id);
                onToggle(id);
              }}
            >
              {hasChildren ? isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} /> : null}
            </span>
            <span id={labelId} style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, minWidth: 0 }}>
              <span className="unit-tree-name">{unit.name}</span>
              <Text component="span" size="xs" c="dimmed">
                {t(`unitTypes.${unit.type}`)}
              </Text>
              <UnitBadges unit={unit} size="sm" />
            </span>
          </div>
          {isOpen ? (
            // biome-ignore lint/a11y/useSemanticElements: a nested tree level is a group of tree items.
            <ul role="group">{renderItems(children, level + 1)}</ul>
          ) : null}
        </li>
      );
    });

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA tree pattern is built on nested lists.
    <ul className="unit-tree" role="tree" aria-labelledby={labelledBy} onKeyDown={onKeyDown}>
      {renderItems(forest.roots, 1)}
    </ul>
  );
}
