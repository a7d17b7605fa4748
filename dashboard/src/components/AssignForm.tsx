// The bulk "Assign to" of the Org page (its Unassigned projects) and the App users page: a
// workspace or a team within one, and a button that says how many rows it moves. Central moves
// all of them or none (POST /admin/v1/{projects,users}/assign); a refusal shows next to the form.
import { useState } from "preact/hooks";
import { useAction } from "../hooks";
import type { Team, Workspace } from "../orgTypes";
import { InlineError } from "./StateViews";

// The places a row can go: each workspace, and each team within it ("ws" or "ws/team").
export function placeOptions(workspaces: Workspace[], teams: Team[]) {
  return workspaces.flatMap((w) => [
    { value: w.id, label: w.name },
    ...teams.filter((t) => t.workspace_id === w.id).map((t) => ({ value: `${w.id}/${t.id}`, label: `${w.name} › ${t.name}` })),
  ]);
}

// The name of the place (workspace_id, team_id) for people: "Workspace › Team", or Unassigned.
export function placeLabel(workspaces: Workspace[], teams: Team[], workspaceId: string, teamId: string): string {
  if (!workspaceId) return "Unassigned";
  const workspace = workspaces.find((w) => w.id === workspaceId)?.name ?? workspaceId;
  if (!teamId) return workspace;
  return `${workspace} › ${teams.find((t) => t.id === teamId)?.name ?? teamId}`;
}

export function AssignForm(props: {
  label: string; // the form's accessible name: "Assign projects"
  workspaces: Workspace[];
  teams: Team[];
  picked: number;
  noPlaces: string; // what to do when the org has no workspace yet
  assign: (workspace_id: string, team_id: string) => Promise<unknown>;
  onAssigned: () => void;
}) {
  const [place, setPlace] = useState("");
  const action = useAction();
  const options = placeOptions(props.workspaces, props.teams);
  return (
    <form
      class="toolbar"
      aria-label={props.label}
      onSubmit={async (event) => {
        event.preventDefault();
        const [workspaceId, teamId = ""] = place.split("/");
        if (await action.run(async () => (await props.assign(workspaceId, teamId), true))) props.onAssigned();
      }}
    >
      <label class="field-inline">
        Assign to
        <select value={place} required onChange={(e) => setPlace(e.currentTarget.value)}>
          <option value="">choose a workspace or team</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={action.busy || props.picked === 0 || !place}>
        Assign {props.picked || ""} selected
      </button>
      {options.length === 0 && <span class="muted">{props.noPlaces}</span>}
      <InlineError error={action.error} />
    </form>
  );
}
