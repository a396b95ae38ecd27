"""Pure rules, standard library only (plus the data libraries biip and phonenumbers):
the status machine, review and allocation rules, the scan vocabulary, pick and pack
rules, permissions, local time, how customer text is shown."""
