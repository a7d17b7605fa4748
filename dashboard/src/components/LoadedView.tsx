// A loaded resource shown in its state: loading, failed (with Try again), empty (with what to
// do next), or its data.
import type { ComponentChildren } from "preact";
import type { Loaded } from "../hooks";
import { Empty, ErrorState, Loading } from "./StateViews";

export function LoadedView<T>(props: {
  loaded: Loaded<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { loaded } = props;
  if (loaded.loading && loaded.data === undefined) return <Loading what={props.what} />;
  if (loaded.error) return <ErrorState error={loaded.error} retry={loaded.reload} />;
  const data = loaded.data as T;
  if (props.isEmpty?.(data)) return <Empty>{props.empty}</Empty>;
  return <>{props.children(data)}</>;
}
