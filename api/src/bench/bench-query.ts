/** The operation both servers answer: a first page of 20 courses with their institution, occupation and region. */
export const BENCH_QUERY = `{ courses(first: 20) { edges { cursor node { id title startDate subsidyPerTrainee institution { name } occupation { code name } region { code name } } } } }`;
