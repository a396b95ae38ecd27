"""Who is at the station: badge sign-in and sign-out, supervisor approval by PIN,
PIN hashing. Who may do what is :mod:`app.domain.permissions`."""
