#!/usr/bin/env python3
"""Writes a synthetic inventory: one Hyper-V host and N virtual machines (default 10,000) with their
integration services, network adapters, disks, VHDs, guest OS facts and replication, in the shape
collect/Get-BpacatInventory.ps1 writes (Windows PowerShell 5.1 style: enums as integers, /Date(ms)/).
Deterministic: the same N gives the same bytes. Usage: generate-inventory.py [N] > inventory.json"""
import json, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
GB = 1073741824
guests = [("Windows Server 2019 Datacenter", "10.0.17763", 3), ("Windows Server 2016 Standard", "10.0.14393", 3),
          ("Windows Server 2012 R2 Datacenter", "6.3.9600", 3), ("Windows 10 Enterprise", "10.0.19045", 1),
          ("Windows 7 Enterprise", "6.1.7601", 1), ("Ubuntu 22.04", "5.15.0", 0)]
inv = {"bpacatInventory": 1, "CollectedAt": "/Date(1772366400000)/",
       "VMHost": {"Name": "HV01", "ComputerName": "HV01", "LogicalProcessorCount": 64, "MemoryCapacity": 1024 * GB,
                  "MacAddressMinimum": "00155D000000", "MacAddressMaximum": "00155DFFFFFF",
                  "VirtualMachineMigrationEnabled": True, "UseAnyNetworkForMigration": False},
       "ComputerSystem": {"Name": "HV01", "Domain": "contoso.com", "PartOfDomain": True, "DomainRole": 3,
                          "HypervisorPresent": True},
       "OperatingSystem": {"Caption": "Microsoft Windows Server 2022 Datacenter", "Version": "10.0.20348",
                           "BuildNumber": "20348", "SystemDrive": "C:", "ProductType": 3},
       "Service": [{"Name": "vmms", "Status": 4, "StartType": 2}],
       "WindowsFeature": [{"Name": "Hyper-V", "FeatureType": "Role", "Installed": True},
                          {"Name": "FileAndStorage-Services", "FeatureType": "Role", "Installed": True}],
       "PhysicalMemoryArray": [{"Tag": "Physical Memory Array 0", "Use": 3, "MemoryErrorCorrection": 6}],
       "NetAdapter": [{"Name": "NIC1", "InterfaceDescription": "Intel 25G #1", "InterfaceIndex": 4, "Virtual": False,
                       "Status": "Up", "Speed": 25000000000},
                      {"Name": "NIC2", "InterfaceDescription": "Intel 25G #2", "InterfaceIndex": 5, "Virtual": False,
                       "Status": "Up", "Speed": 25000000000}],
       "NetAdapterVmq": [{"Name": "NIC1", "InterfaceDescription": "Intel 25G #1", "Enabled": True}],
       "NetIPAddress": [{"IPAddress": "10.0.0.11", "PrefixLength": 24, "InterfaceIndex": 4, "AddressFamily": 2},
                        {"IPAddress": "10.9.0.11", "PrefixLength": 24, "InterfaceIndex": 5, "AddressFamily": 2}],
       "NetLbfoTeamNic": [], "NetQosPolicy": [{"Name": "Hyper-V Replica", "ThrottleRateAction": 25000000}],
       "NetFirewallRule": [{"Name": "FPS-SMB-In-TCP", "Enabled": 1, "Direction": 1, "Action": 2},
                           {"Name": "FPS-NB_Session-In-TCP", "Enabled": 1, "Direction": 1, "Action": 2}],
       "SmbConnection": [], "Volume": [{"DriveLetter": "D", "Size": 20000 * GB, "SizeRemaining": 9000 * GB}],
       "Partition": [{"DriveLetter": "D", "DiskNumber": 1, "PartitionNumber": 2}],
       "Disk": [{"Number": 1, "PhysicalSectorSize": 4096, "IsSystem": False}],
       "Certificate": [], "ClusterNode": [], "ClusterResource": [],
       "VMReplicationServer": {"ComputerName": "HV01", "ReplicationEnabled": False, "AllowedAuthenticationType": 1,
                               "ReplicationAllowedFromAnyServer": False},
       "VMReplicationAuthorizationEntry": [],
       "VMMigrationNetwork": [{"Subnet": "10.9.0.0/24", "Priority": 0}],
       "VMSwitch": [{"Name": "LAN", "SwitchType": 2, "AllowManagementOS": True, "IovEnabled": False,
                     "IovVirtualFunctionCount": 0, "NetAdapterInterfaceDescription": "Intel 25G #1"},
                    {"Name": "VMs", "SwitchType": 2, "AllowManagementOS": False, "IovEnabled": False,
                     "IovVirtualFunctionCount": 0, "NetAdapterInterfaceDescription": "Intel 25G #2"}],
       "VMSwitchExtension": [{"SwitchName": s, "Name": "Microsoft Windows Filtering Platform", "Enabled": True,
                              "Running": True} for s in ("LAN", "VMs")],
       "VMSan": [], "VMStorageResourcePool": [], "VMSystemSettingData": [], "VMFibreChannelHba": [],
       "VM": [], "VMGuest": [], "VMIntegrationService": [], "VMNetworkAdapter": [], "VMHardDiskDrive": [],
       "VHD": [], "VMSnapshot": [], "VMScsiController": [], "VMComPort": [], "VMReplication": [],
       "VMReplicationHealth": [], "VMNetworkAdapterFailoverConfiguration": []}
for i in range(n):
    name, vid = f"vm{i:05d}", f"{i:08x}-0000-4000-8000-000000000000"
    g = guests[i % len(guests)]
    dm = i % 3 != 0
    start = (512 if i % 11 == 0 else 2048) * 1048576
    inv["VM"].append({"Name": name, "Id": vid, "State": 9 if i % 97 == 0 else (2 if i % 5 else 3),
                      "Generation": 2 if i % 4 else 1, "ProcessorCount": 2 + i % 6, "DynamicMemoryEnabled": dm,
                      "MemoryStartup": start, "MemoryMinimum": 512 * 1048576, "MemoryMaximum": 8 * GB,
                      "MemoryDemand": 0 if i % 89 == 0 else 1500 * 1048576,
                      "SmartPagingFilePath": f"D:\\VMs\\{name}", "Path": f"D:\\VMs\\{name}",
                      "ReplicationState": 4 if i % 20 == 0 else 0, "ReplicationMode": 1 if i % 20 == 0 else 0,
                      "CreationTime": "/Date(1700000000000)/", "IntegrationServicesVersion": "0.0",
                      "HardDrives": "Microsoft.HyperV.PowerShell.HardDiskDrive[]"})
    inv["VMGuest"].append({"VMName": name, "VMId": vid, "OSName": g[0], "OSVersion": g[1], "ProductType": g[2]})
    for s in ("Heartbeat", "Shutdown", "Time Synchronization", "Key-Value Pair Exchange", "VSS",
              "Guest Service Interface"):
        inv["VMIntegrationService"].append({"VMName": name, "VMId": vid, "Name": s,
                                            "Enabled": s != "Guest Service Interface" and not (s == "VSS" and i % 13 == 0),
                                            "PrimaryOperationalStatus": 2 if i % 5 else None})
    inv["VMNetworkAdapter"].append({"VMName": name, "VMId": vid, "Name": "Network Adapter", "SwitchName": "VMs",
                                    "IsManagementOs": False, "IovWeight": 0, "DynamicMacAddressEnabled": True,
                                    "PortMirroringMode": 0, "MandatoryFeatureName": [],
                                    "IPAddresses": [f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"],
                                    "VlanSetting": {"OperationMode": 1, "AccessVlanId": 10,
                                                    "PrimaryVlanId": 0, "SecondaryVlanId": 0}})
    path = f"D:\\VMs\\{name}\\{name}.{'vhd' if i % 50 == 0 else 'vhdx'}"
    inv["VMHardDiskDrive"].append({"VMName": name, "VMId": vid, "Path": path, "ControllerType": 1,
                                   "ControllerNumber": 0, "ControllerLocation": 0, "MinimumIOPS": 0,
                                   "MaximumIOPS": 0})
    inv["VHD"].append({"Path": path, "VhdFormat": 2 if i % 50 == 0 else 3, "VhdType": 3 if i % 2 else 2,
                       "Size": 127 * GB, "FileSize": 20 * GB, "Alignment": 1, "PhysicalSectorSize": 4096,
                       "ParentPath": None})
    inv["VMScsiController"].append({"VMName": name, "VMId": vid, "Name": "SCSI Controller", "ControllerNumber": 0})
    if i % 4 == 0:
        inv["VMComPort"].append({"VMName": name, "VMId": vid, "Name": "COM 1", "Path": ""})
    if i % 25 == 0:
        inv["VMSnapshot"].append({"VMName": name, "VMId": vid, "Name": "before patching", "SnapshotType": 0,
                                  "CreationTime": "/Date(1760000000000)/"})
    if i % 20 == 0:
        inv["VMReplication"].append({"VMName": name, "VMId": vid, "ReplicationMode": 1, "ReplicationState": 4,
                                     "AuthenticationType": 1, "CompressionEnabled": True,
                                     "VSSSnapshotReplicationEnabled": i % 40 == 0, "AutoResynchronizeEnabled": True,
                                     "AutoResynchronizeIntervalStart": {"Ticks": 666000000000},
                                     "AutoResynchronizeIntervalEnd": {"Ticks": 216000000000},
                                     "ExcludedDisks": []})
json.dump(inv, sys.stdout, indent=1)
sys.stdout.write("\n")
