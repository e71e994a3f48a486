import { Text } from 'ink';
import type { ReactNode } from 'react';

/** Exactly one terminal row: Ink cuts the text instead of wrapping, so row counts stay exact. */
export function Line(props: { children?: ReactNode; color?: string | undefined; bold?: boolean; dim?: boolean; inverse?: boolean }) {
  return (
    <Text wrap="truncate-end" color={props.color} bold={props.bold ?? false} dimColor={props.dim ?? false} inverse={props.inverse ?? false}>
      {props.children ?? ' '}
    </Text>
  );
}
