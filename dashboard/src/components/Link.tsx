// An in-app link: a real <a href> (keyboard, new tab) that navigates without a reload.
import type { ComponentChildren } from "preact";
import { onLinkClick } from "../router";

export function Link(props: { to: string; class?: string; current?: boolean; children: ComponentChildren }) {
  return (
    <a
      href={props.to}
      class={props.class}
      aria-current={props.current ? "page" : undefined}
      onClick={(event) => onLinkClick(event, props.to)}
    >
      {props.children}
    </a>
  );
}
