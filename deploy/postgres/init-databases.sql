-- One database per service (every service owns its data); each service's Flyway
-- migrations create its schema. Runs once, when the volume is first initialised.
CREATE DATABASE vanguard_auth;
CREATE DATABASE vanguard_quiz;
CREATE DATABASE vanguard_session;
