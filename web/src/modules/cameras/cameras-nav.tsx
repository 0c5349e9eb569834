import { useTranslation } from 'react-i18next';
import { SectionNav } from '../../ui/section-nav.tsx';
import { useCan } from '../auth/hooks.ts';

/** The links between the camera screens (the footage requests for those who may ask); the current one is marked for screen readers. */
export function CamerasNav({ current }: { current: 'registry' | 'requests' | 'map' }) {
  const { t } = useTranslation();
  const can = useCan();
  const links = [
    { key: 'registry', to: '/cameras' },
    ...(can('camera.request') ? ([{ key: 'requests', to: '/cameras/requests' }] as const) : []),
    { key: 'map', to: '/cameras/map' },
  ] as const;
  return (
    <SectionNav
      label={t('camerasPage.sectionsLabel')}
      links={links.map((l) => ({ ...l, label: t(`camerasPage.sections.${l.key}`) }))}
      current={current}
    />
  );
}
