import { Link } from "../components/Link";

export function NotFound() {
  return (
    <section>
      <h1>No such page</h1>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </section>
  );
}
