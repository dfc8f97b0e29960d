import Smoke from "./smoke";

export default function Page() {
  return (
    <main>
      <h1>gcore-streaming</h1>
      <Smoke />
    </main>
  );
}
