import { type IconProps, SvgIcon } from '../../ui/icons.tsx';

/** A bound register. */
export function IconRegister(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 3h12a1 1 0 011 1v16a1 1 0 01-1 1H6a2 2 0 01-2-2V5a2 2 0 012-2z" />
      <path d="M8 3v18M11 8h5M11 12h5" />
    </SvgIcon>
  );
}

/** Bars of a chart. */
export function IconFigures(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 20h16M7 16v-5M12 16V7M17 16v-8" />
    </SvgIcon>
  );
}

/** A sheet going up. */
export function IconUpload(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 16V5M7 10l5-5 5 5M5 20h14" />
    </SvgIcon>
  );
}

/** A sheet of a workbook. */
export function IconSheet(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M4 9h16M4 15h16M10 3v18" />
    </SvgIcon>
  );
}

/** A chain link. */
export function IconLink(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1" />
    </SvgIcon>
  );
}
