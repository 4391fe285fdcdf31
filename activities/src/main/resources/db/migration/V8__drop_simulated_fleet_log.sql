-- The simulated deployer's log is not part of the production schema: it moved to the simulated
-- fleet's own schema (simulated_fleet, migrated by the simulated-fleet module and only where the
-- simulated deployer is configured), so a fresh schema and an upgraded one are the same.
DROP TABLE IF EXISTS simulated_fleet_log;
