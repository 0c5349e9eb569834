import type { ReactNode, SVGProps } from 'react';

export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

/** The frame of every icon: 24 × 24 stroke drawing, hidden from assistive technology (controls carry the words). */
export function SvgIcon({ size = 18, children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

// Icons drawn for this app; always shown next to words or inside a control that has an accessible name.
export function IconChevronRight(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M9 6l6 6-6 6" />
    </SvgIcon>
  );
}
export function IconArrowLeft(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M19 12H5M11 6l-6 6 6 6" />
    </SvgIcon>
  );
}
export function IconChevronDown(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 9l6 6 6-6" />
    </SvgIcon>
  );
}
export function IconGlobe(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </SvgIcon>
  );
}
export function IconLogout(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M15 4h3a2 2 0 012 2v12a2 2 0 01-2 2h-3M10 17l-5-5 5-5M5 12h11" />
    </SvgIcon>
  );
}
export function IconKey(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="8" cy="15" r="4" />
      <path d="M10.8 12.2L20 3M16 7l3 3M14 9l2 2" />
    </SvgIcon>
  );
}
export function IconPlus(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 5v14M5 12h14" />
    </SvgIcon>
  );
}
export function IconDownload(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </SvgIcon>
  );
}
export function IconSearch(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="11" cy="11" r="7" />
      <path d="M20 20l-3.5-3.5" />
    </SvgIcon>
  );
}
export function IconDots(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="5" cy="12" r="1" />
      <circle cx="12" cy="12" r="1" />
      <circle cx="19" cy="12" r="1" />
    </SvgIcon>
  );
}
export function IconCopy(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V6a2 2 0 012-2h9" />
    </SvgIcon>
  );
}
export function IconCheck(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M5 12l5 5L20 7" />
    </SvgIcon>
  );
}
export function IconEye(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </SvgIcon>
  );
}
export function IconEyeOff(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M3 3l18 18M10.6 5.1A10.7 10.7 0 0112 5c6.4 0 10 7 10 7a17.6 17.6 0 01-3.2 4.1M6.6 6.6C3.9 8.4 2 12 2 12s3.6 7 10 7c1.9 0 3.5-.6 4.9-1.4" />
      <path d="M9.9 9.9a3 3 0 004.2 4.2" />
    </SvgIcon>
  );
}
export function IconHome(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 11l8-7 8 7v9a1 1 0 01-1 1h-5v-6h-4v6H5a1 1 0 01-1-1z" />
    </SvgIcon>
  );
}
export function IconBuilding(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 21V5a1 1 0 011-1h9a1 1 0 011 1v16M15 9h4a1 1 0 011 1v11M3 21h18" />
      <path d="M8 8h3M8 12h3M8 16h3" />
    </SvgIcon>
  );
}
export function IconUsers(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.6-3.6 3.3-6 6.5-6s5.9 2.4 6.5 6M16 4.6a3.5 3.5 0 010 6.8M18.5 14.5c1.7.9 2.8 2.9 3 5.5" />
    </SvgIcon>
  );
}
export function IconList(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />
    </SvgIcon>
  );
}
export function IconShield(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 3l8 3.5V12c0 4.8-3.3 8-8 9.5C7.3 20 4 16.8 4 12V6.5z" />
    </SvgIcon>
  );
}
export function IconFilterOff(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 5h16l-6 7.5V19l-4 2v-8.5zM3 3l18 18" />
    </SvgIcon>
  );
}
