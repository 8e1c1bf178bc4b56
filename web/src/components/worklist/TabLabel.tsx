import { Badge } from 'antd';

/** A worklist tab's name with how many cases it holds (none shown while unknown or zero). */
export function TabLabel({ label, count, alert }: { label: string; count?: number; alert?: boolean }) {
  return (
    <span>
      {label}
      {count ? (
        <Badge
          count={count}
          overflowCount={999}
          color={alert ? undefined : '#8c8c8c'}
          style={{ marginInlineStart: 6 }}
        />
      ) : null}
    </span>
  );
}
