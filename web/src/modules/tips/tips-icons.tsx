import { type IconProps, SvgIcon } from '../../ui/icons.tsx';

export function IconInbox(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 13l2.5-8h11L20 13v6a1 1 0 01-1 1H5a1 1 0 01-1-1z" />
      <path d="M4 13h4.5l1.5 2.5h4l1.5-2.5H20" />
    </SvgIcon>
  );
}
export function IconAlert(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M12 3l9.5 17h-19z" />
      <path d="M12 10v4M12 17.5h.01" />
    </SvgIcon>
  );
}
export function IconClock(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </SvgIcon>
  );
}
export function IconDone(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12.5l2.5 2.5L16 9.5" />
    </SvgIcon>
  );
}
export function IconLock(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 018 0v3" />
    </SvgIcon>
  );
}
export function IconMessage(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 5h16v11H9l-5 4z" />
    </SvgIcon>
  );
}
export function IconPrinter(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M7 9V3h10v6M7 17H4v-7h16v7h-3" />
      <path d="M7 14h10v7H7z" />
    </SvgIcon>
  );
}
export function IconPaperclip(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M20 11.5l-8 8a5 5 0 01-7-7l8.5-8.5a3.5 3.5 0 015 5L10 17.5a2 2 0 01-3-3l7.5-7.5" />
    </SvgIcon>
  );
}
export function IconUser(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c.8-4 4-6.5 8-6.5s7.2 2.5 8 6.5" />
    </SvgIcon>
  );
}
