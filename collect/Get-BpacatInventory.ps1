<#
.SYNOPSIS
  Collects a bpacat inventory of this Hyper-V host: one JSON file for `bpacat validate`.
.DESCRIPTION
  Runs the Hyper-V cmdlets and the few host commands the rules need, and writes them under the collection names of
  schemas/inventory.schema.json. Read-only: it changes nothing. Run it elevated on the Hyper-V host.
  Works in Windows PowerShell 5.1 and PowerShell 7.
.EXAMPLE
  .\Get-BpacatInventory.ps1 -Path .\hv01.json
#>
[CmdletBinding()]
param([string] $Path = ".\$env:COMPUTERNAME-inventory.json")

$ErrorActionPreference = 'Stop'
function Get-Safely([scriptblock] $Block) {
    # A command that is missing or fails gives an empty collection, never a stopped collection.
    try { @(& $Block) } catch { Write-Warning "$($Block.ToString().Trim()): $($_.Exception.Message)"; @() }
}

$vms = Get-Safely { Get-VM }
$inv = [ordered]@{
    bpacatInventory  = 1
    CollectedAt      = (Get-Date).ToUniversalTime().ToString('o')
    ComputerName     = $env:COMPUTERNAME
    VMHost           = Get-VMHost
    VM               = $vms
    VMIntegrationService = Get-Safely { $vms | Get-VMIntegrationService }
    VMReplication    = Get-Safely { Get-VMReplication }
    VMReplicationHealth = Get-Safely { Get-VMReplication | Measure-VMReplication }
    VMReplicationServer = Get-Safely { Get-VMReplicationServer }
    VMReplicationAuthorizationEntry = Get-Safely { Get-VMReplicationAuthorizationEntry }
    VMNetworkAdapter = Get-Safely { Get-VMNetworkAdapter -All }
    VMNetworkAdapterFailoverConfiguration = Get-Safely { foreach ($vm in $vms) {
        foreach ($a in Get-VMNetworkAdapter -VM $vm) {
            Get-VMNetworkAdapterFailoverConfiguration -VMNetworkAdapter $a |
                Add-Member -PassThru -NotePropertyMembers @{ VMName = $vm.Name; VMId = $vm.Id; VMNetworkAdapterName = $a.Name } } } }
    VMSwitch         = Get-Safely { Get-VMSwitch }
    VMSwitchExtension = Get-Safely { Get-VMSwitchExtension -VMSwitchName * }
    VMHardDiskDrive  = Get-Safely { $vms | Get-VMHardDiskDrive }
    VHD              = Get-Safely { $vms | Get-VMHardDiskDrive | Get-VHD }
    VMSnapshot       = Get-Safely { $vms | Get-VMSnapshot }
    VMScsiController = Get-Safely { $vms | Get-VMScsiController }
    VMComPort        = Get-Safely { $vms | Get-VMComPort }
    VMFibreChannelHba = Get-Safely { $vms | Get-VMFibreChannelHba }
    VMSan            = Get-Safely { Get-VMSan }
    VMStorageResourcePool = Get-Safely { Get-VMResourcePool -ResourcePoolType VHD }
    VMMemory         = Get-Safely { $vms | Get-VMMemory }
    VMProcessor      = Get-Safely { $vms | Get-VMProcessor }
    VMMigrationNetwork = Get-Safely { Get-VMMigrationNetwork }
    VMGuest          = Get-Safely { Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_ComputerSystem -Filter "Caption='Virtual Machine'" | ForEach-Object {
        $cs = $_
        $kvp = Get-CimAssociatedInstance -InputObject $cs -ResultClassName Msvm_KvpExchangeComponent -ErrorAction SilentlyContinue
        $items = @{}
        foreach ($x in @($kvp.GuestIntrinsicExchangeItems)) {
            $xml = [xml]$x
            $items[$xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE").InnerText] = $xml.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE").InnerText
        }
        if ($items.Count) {
            [pscustomobject]@{ VMName = $cs.ElementName; VMId = $cs.Name; OSName = $items['OSName']; OSVersion = $items['OSVersion'];
                               ProductType = $items['ProductType']; CSDVersion = $items['CSDVersion']; IntegrationServicesVersion = $items['IntegrationServicesVersion'] }
        } } }
    VMSystemSettingData = Get-Safely { Get-CimInstance -Namespace root/virtualization/v2 -ClassName Msvm_VirtualSystemSettingData |
        Select-Object ElementName, VirtualSystemIdentifier, VirtualSystemType, AllowFullSCSICommandSet, AllowReducedFcRedundancy }
    WindowsFeature   = Get-Safely { Get-WindowsFeature | Select-Object Name, DisplayName, Installed, FeatureType, Parent, Depth }
    Service          = Get-Safely { Get-Service vmms, vmcompute, WinRM, W32Time -ErrorAction SilentlyContinue | Select-Object Name, DisplayName, Status, StartType }
    ComputerSystem   = Get-CimInstance Win32_ComputerSystem | Select-Object Name, Domain, PartOfDomain, DomainRole, HypervisorPresent, NumberOfLogicalProcessors, TotalPhysicalMemory
    OperatingSystem  = Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType, SystemDrive, OperatingSystemSKU
    PhysicalMemoryArray = Get-Safely { Get-CimInstance Win32_PhysicalMemoryArray | Select-Object Tag, Use, MemoryErrorCorrection, MaxCapacity }
    NetAdapter       = Get-Safely { Get-NetAdapter -IncludeHidden | Select-Object Name, InterfaceDescription, InterfaceIndex, Status, Virtual, Speed, LinkSpeed, MacAddress, HardwareInterface }
    NetAdapterVmq    = Get-Safely { Get-NetAdapterVmq | Select-Object Name, InterfaceDescription, Enabled, NumberOfReceiveQueues }
    NetIPAddress     = Get-Safely { Get-NetIPAddress | Select-Object IPAddress, PrefixLength, InterfaceIndex, InterfaceAlias, AddressFamily }
    NetLbfoTeamNic   = Get-Safely { Get-NetLbfoTeamNic | Select-Object Name, Team, InterfaceDescription, VlanID, Primary, Default }
    NetQosPolicy     = Get-Safely { Get-NetQosPolicy | Select-Object Name, ThrottleRateAction, IPDstPrefixMatchCondition, IPDstPortMatchCondition, AppPathNameMatchCondition }
    NetFirewallRule  = Get-Safely { Get-NetFirewallRule -Name 'FPS-SMB-In-TCP', 'FPS-NB_Session-In-TCP' | Select-Object Name, DisplayName, DisplayGroup, Enabled, Direction, Action }
    SmbConnection    = Get-Safely { Get-SmbConnection | Select-Object ServerName, ShareName, Dialect, ContinuouslyAvailable, Encrypted, Signed }
    Volume           = Get-Safely { Get-Volume | Select-Object DriveLetter, Path, FileSystemLabel, FileSystem, Size, SizeRemaining }
    Partition        = Get-Safely { Get-Partition | Select-Object DriveLetter, DiskNumber, PartitionNumber, AccessPaths }
    Disk             = Get-Safely { Get-Disk | Select-Object Number, FriendlyName, PhysicalSectorSize, LogicalSectorSize, IsSystem, IsBoot }
    Certificate      = Get-Safely { Get-ChildItem Cert:\LocalMachine\My | Select-Object Thumbprint, Subject, NotAfter, NotBefore, HasPrivateKey }
    ClusterNode      = Get-Safely { if (Get-Command Get-ClusterNode -ErrorAction SilentlyContinue) { Get-ClusterNode | Select-Object Name, State, Cluster } }
    ClusterResource  = Get-Safely { if (Get-Command Get-ClusterResource -ErrorAction SilentlyContinue) { Get-ClusterResource | Select-Object Name, @{ n = 'ResourceType'; e = { $_.ResourceType.Name } }, State, OwnerGroup } }
}
$inv | ConvertTo-Json -Depth 6 | Out-File -FilePath $Path -Encoding utf8
Write-Host "wrote $Path - validate it with: bpacat validate $Path"
