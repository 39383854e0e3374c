import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card style={{ maxWidth: 480, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Card>
  );
}
