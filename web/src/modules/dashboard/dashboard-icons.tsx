import { type IconProps, SvgIcon } from '../../ui/icons.tsx';

/** A dashboard: bars of a chart on an axis. */
export function IconDashboard(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 20h16M7 16v-5M12 16V7M17 16v-8" />
    </SvgIcon>
  );
}

/** A map: a folded sheet with a pin. */
export function IconMap(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2z" />
      <path d="M9 4v14M15 6v14" />
    </SvgIcon>
  );
}
