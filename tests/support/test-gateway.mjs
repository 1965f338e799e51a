// Placeholder until @dichtbij/gateway exists: the gateway issue replaces this with a real start.
export async function startTestGateway() {
  throw new Error('@dichtbij/gateway is not built yet');
}
