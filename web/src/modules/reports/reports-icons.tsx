import { type IconProps, SvgIcon } from '../../ui/icons.tsx';

/** A written report: a page with lines of text and a folded corner. */
export function IconReport(props: IconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 3h9l4 4v13a1 1 0 01-1 1H6a1 1 0 01-1-1V4a1 1 0 011-1z" />
      <path d="M15 3v4h4M8 11h8M8 14h8M8 17h5" />
    </SvgIcon>
  );
}
