// Page titles and texts for the role home screens, with antd's Typography look (the same elements, classes and
// styles: InternalTypography is what Typography.Title/Text/Paragraph render) but without their shared base, which
// brings ellipsis measuring, copy and edit (~5 KB compressed) that these screens do not use.
import { useContext, type CSSProperties, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import { InternalTypography } from 'antd/es/typography/Typography';

function usePrefixCls(): string {
  return useContext(ConfigProvider.ConfigContext).getPrefixCls('typography');
}

/** As `<Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>`: the screen's heading. */
export function PageTitle({ children }: { children: ReactNode }) {
  const prefixCls = usePrefixCls();
  return (
    <InternalTypography prefixCls={prefixCls} component="h1" style={{ fontSize: 24, marginTop: 0 }}>
      {children}
    </InternalTypography>
  );
}

/** As `<Typography.Text type="secondary">`. */
export function SecondaryText({ children }: { children: ReactNode }) {
  const prefixCls = usePrefixCls();
  return (
    <InternalTypography prefixCls={prefixCls} component="span" className={`${prefixCls}-secondary`}>
      {children}
    </InternalTypography>
  );
}

/** As `<Typography.Paragraph>` (`secondary`: `type="secondary"`). */
export function Paragraph({
  children,
  secondary,
  className,
  style,
}: {
  children: ReactNode;
  secondary?: boolean;
  className?: string;
  style?: CSSProperties;
}) {
  const prefixCls = usePrefixCls();
  const classes = [secondary ? `${prefixCls}-secondary` : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <InternalTypography prefixCls={prefixCls} component="div" className={classes || undefined} style={style}>
      {children}
    </InternalTypography>
  );
}
