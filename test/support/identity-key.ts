/** The identity key (R6) every test bot and store holds; outside jest too, for the benches. */
export const testIdentityKey = 'the tests identity key, kept outside every test database';
