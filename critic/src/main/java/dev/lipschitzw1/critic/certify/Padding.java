package dev.lipschitzw1.critic.certify;

/** TEMPORARY STUB until the ortho branch lands (not committed). */
public enum Padding { CIRCULAR, ZERO }
