-- Waveguard's own database beside Temporal's (Temporal's auto-setup creates `temporal` and
-- `temporal_visibility` itself).
CREATE ROLE waveguard LOGIN PASSWORD 'waveguard';
CREATE DATABASE waveguard OWNER waveguard;
